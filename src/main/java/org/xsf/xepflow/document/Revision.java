package org.xsf.xepflow.document;

/** One entry of a XEP's revision history; the remark as plain text. */
public record Revision(String version, String date, String initials, String remark) {

  /** Whether the entry names a version: an empty {@code <version/>} names none. */
  public boolean numbered() {
    return version != null && !version.isBlank();
  }
}
