package org.xsf.xepflow.document;
public record Finding(String what, String where) {}
