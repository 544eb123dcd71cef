package org.xsf.xepflow.document;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * The header values the XEPs database keeps, and how long each may be: its columns are sized by
 * these. A document without a title or type, or with a longer value, is refused before anything
 * is stored, with the element named, rather than failing in the database.
 */
public final class HeaderLimits {
  /** A task's name quotes it, in the engine's column of 255 characters (the XSF's longest is 68). */
  public static final int TITLE = 200;
  public static final int ABSTRACT = 4000;
  public static final int SHORTNAME = 100;
  public static final int TYPE = 40;
  public static final int APPROVER = 20;
  public static final int VERSION = 20;
  public static final int INITIALS = 100;
  public static final int REMARK = 4000;

  private HeaderLimits() {
  }

  static void check(XepHeader header) {
    if (header.title() == null || header.title().isBlank()) {
      throw new DocumentRejectedException("The document has no <title>: the XEPs database and every announcement name a XEP by it.");
    }
    if (header.type() == null) {
      throw new DocumentRejectedException("The document has no <type>: the XEPs database keeps one for every XEP.");
    }
    atMost("The <title>", header.title(), TITLE);
    atMost("The <abstract>", header.abstractText(), ABSTRACT);
    atMost("The <shortname>", header.shortname(), SHORTNAME);
    atMost("The <type>", header.type(), TYPE);
    atMost("The <approver>", header.approver(), APPROVER);
    for (Revision revision : header.revisions()) {
      String which = revision.numbered() && revision.version().length() <= VERSION
          ? " of revision " + revision.version() : " of a revision";
      atMost("The <version>" + which, revision.version(), VERSION);
      atMost("The <initials>" + which, revision.initials(), INITIALS);
      atMost("The <remark>" + which, revision.remark(), REMARK);
    }
  }

  /** Why {@code value} does not fit a column of {@code max} characters, or null when it does. */
  public static String tooLong(String what, String value, int max) {
    if (value == null || value.length() <= max) {
      return null;
    }
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.ENGLISH);
    return what + ": " + count.format(value.length()) + " characters; the XEPs database keeps at most "
        + count.format(max) + ".";
  }

  private static void atMost(String what, String value, int max) {
    String tooLong = tooLong(what, value, max);
    if (tooLong != null) {
      throw new DocumentRejectedException(tooLong);
    }
  }
}
