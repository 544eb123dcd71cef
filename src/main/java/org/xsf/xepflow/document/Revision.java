package org.xsf.xepflow.document;

/** One entry of a XEP's revision history; the remark as plain text. */
public record Revision(String version, String date, String initials, String remark) {
}
