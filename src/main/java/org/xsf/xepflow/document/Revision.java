package org.xsf.xepflow.document;
public record Revision(String version, String date, String initials, String remark) {}
