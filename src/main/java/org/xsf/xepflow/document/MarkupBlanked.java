package org.xsf.xepflow.document;

/**
 * A XEP document's text with what is not its elements' content blanked out, at the same offsets: for
 * finding a document's elements and entity references in its text where they are, not where a
 * comment or a CDATA section merely spells them.
 */
public final class MarkupBlanked {
  private MarkupBlanked() {
  }

  /**
   * The text with comments, CDATA sections, processing instructions and the DOCTYPE (with the quoted
   * values of its internal subset) turned to spaces, line breaks kept. One pass, each end searched
   * once from where its start was found: the document is well-formed, the parse has said so.
   */
  public static String of(String xml) {
    StringBuilder text = new StringBuilder(xml);
    int at = 0;
    while (at < xml.length()) {
      int end;
      if (xml.startsWith("<!--", at)) {
        end = endOf(xml, "-->", at + 4);
      } else if (xml.startsWith("<![CDATA[", at)) {
        end = endOf(xml, "]]>", at + 9);
      } else if (xml.startsWith("<?", at)) {
        end = endOf(xml, "?>", at + 2);
      } else if (xml.startsWith("<!DOCTYPE", at)) {
        end = endOfDoctype(xml, at + 9);
      } else {
        at++;
        continue;
      }
      for (int i = at; i < end; i++) {
        char c = text.charAt(i);
        if (c != '\n' && c != '\r') {
          text.setCharAt(i, ' ');
        }
      }
      at = end;
    }
    return text.toString();
  }

  private static int endOf(String xml, String close, int from) {
    int i = xml.indexOf(close, from);
    return i < 0 ? xml.length() : i + close.length();
  }

  /** The DOCTYPE ends at its first '>' outside quotes and outside the internal subset's brackets. */
  private static int endOfDoctype(String xml, int from) {
    boolean subset = false;
    int i = from;
    while (i < xml.length()) {
      char c = xml.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOf(xml, String.valueOf(c), i + 1);
      } else if (subset && xml.startsWith("<!--", i)) {
        i = endOf(xml, "-->", i + 4);
      } else if (subset && xml.startsWith("<?", i)) {
        i = endOf(xml, "?>", i + 2);
      } else if (c == '[' && !subset) {
        subset = true;
        i++;
      } else if (c == ']' && subset) {
        subset = false;
        i++;
      } else if (c == '>' && !subset) {
        return i + 1;
      } else {
        i++;
      }
    }
    return xml.length();
  }
}
