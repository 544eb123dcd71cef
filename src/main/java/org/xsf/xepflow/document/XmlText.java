package org.xsf.xepflow.document;

/**
 * Text as xepflow writes it into XML and HTML of its own: markup's characters escaped as references
 * every XML parser knows (HTML's named entities such as {@code &eacute;} are undefined in XML), and
 * characters XML 1.0 does not allow left out (an XML 1.1 document may carry U+001B into a remark: one
 * made the whole Atom feed unreadable).
 */
public final class XmlText {
  private XmlText() {
  }

  /** A character of XML 1.0's production Char. */
  public static boolean allowed(int c) {
    return c < 0x20 ? c == '\t' || c == '\n' || c == '\r'
        : (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) && c != 0xFFFE && c != 0xFFFF;
  }

  /** The text as an element's content or a double-quoted attribute value. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        default -> {
          if (allowed(c)) {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
