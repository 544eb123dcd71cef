package org.xsf.xepflow.document;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  /** The control characters XML 1.0 forbids (1.1 allows them as references); DEL and C1 are XML 1.0's. */
  private static final Pattern CONTROL = Pattern.compile("[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F]");

  private HeaderLimits() {
  }

  static void check(XepHeader header) {
    if (header.title() == null || blank(header.title())) {
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
      if (revision.numbered() && !revision.version().chars().allMatch(c -> c >= ' ' && c < 0x7F)) {
        throw new DocumentRejectedException("The <version> '" + revision.version()
            + "' has characters other than ASCII letters, digits and punctuation (0.1, 1.2.3, 1.1rc1).");
      }
    }
    for (String value : new String[] {header.title(), header.abstractText(), header.shortname(), header.approver()}) {
      noControlCharacters(value);
    }
    header.revisions().forEach(r -> {
      noControlCharacters(r.initials());
      noControlCharacters(r.remark());
    });
  }

  /** Blank to a reader: spaces of any kind (U+00A0 too) and invisible format characters only. */
  private static boolean blank(String value) {
    return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT);
  }

  /** XML 1.1 lets a document carry them; a task's name, a mail's subject and the feed must not. */
  private static void noControlCharacters(String value) {
    Matcher control = value == null ? null : CONTROL.matcher(value);
    if (control != null && control.find()) {
      throw new DocumentRejectedException("A header value has the control character U+%04X: \"%s\"."
          .formatted((int) control.group().charAt(0), CONTROL.matcher(value).replaceAll("?")));
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
