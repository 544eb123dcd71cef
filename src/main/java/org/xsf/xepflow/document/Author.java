package org.xsf.xepflow.document;

/** An author as the header gives it (after entities such as &amp;stpeter; are expanded). */
public record Author(String firstname, String surname, String email, String jid) {
}
