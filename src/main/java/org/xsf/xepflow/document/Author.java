package org.xsf.xepflow.document;
public record Author(String firstname, String surname, String email, String jid) {}
