package org.xsf.xepflow.document;

/** One thing wrong with a XEP document's format, and where. */
public record Finding(String what, String where) {
}
