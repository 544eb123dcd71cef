package org.xsf.xepflow.submission;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xsf.xepflow.document.MarkupBlanked;

/**
 * The Editor's edits to the source of an accepted ProtoXEP: number, status, short name and a
 * revision entry for version 0.1. Done on the text so the DOCTYPE, entity references and the
 * author's formatting stay exactly as written; the elements are found in the header itself, not
 * where a comment or a CDATA section spells them (a commented-out revision template took the new
 * entry into the comment).
 */
final class AcceptedDocument {
  private static final Pattern HEADER = Pattern.compile("<header(?:\\s[^>]*)?>(.*?)</header\\s*>", Pattern.DOTALL);
  private static final Pattern FIRST_REVISION = Pattern.compile("([ \\t]*)<revision(?:\\s[^>]*)?>");

  private AcceptedDocument() {
  }

  static String edit(String source, int number, String shortname, String date, String initials,
      String remark) {
    String edited = replaceElement(source, "number", "%04d".formatted(number));
    edited = replaceElement(edited, "status", "Experimental");
    edited = replaceElement(edited, "shortname", shortname);
    Matcher revision = inHeader(edited, FIRST_REVISION);
    if (revision == null) {
      return edited;
    }
    String indent = revision.group(1);
    String entry = indent + "<revision>\n"
        + indent + "  <version>0.1</version>\n"
        + indent + "  <date>" + date + "</date>\n"
        + indent + "  <initials>" + escape(initials) + "</initials>\n"
        + indent + "  <remark><p>" + escape(remark) + "</p></remark>\n"
        + indent + "</revision>\n";
    return edited.substring(0, revision.start()) + entry + edited.substring(revision.start());
  }

  /** The element's first occurrence in the header, with its attributes or written empty, replaced by one with the value. */
  private static String replaceElement(String source, String element, String value) {
    Matcher m = inHeader(source, Pattern.compile(
        "<" + element + "(?:\\s[^>]*)?(?:/>|>[^<]*</" + element + "\\s*>)"));
    return m == null ? source
        : source.substring(0, m.start()) + "<" + element + ">" + escape(value) + "</" + element + ">"
            + source.substring(m.end());
  }

  /** A match in the header's content, at the source's offsets; null if there is none. */
  private static Matcher inHeader(String source, Pattern pattern) {
    String text = MarkupBlanked.of(source);
    Matcher header = HEADER.matcher(text);
    if (!header.find()) {
      return null;
    }
    Matcher m = pattern.matcher(text).region(header.start(1), header.end(1));
    return m.find() ? m : null;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
