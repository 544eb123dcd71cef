package org.xsf.xepflow.document;

import static org.xsf.xepflow.document.XmlText.escape;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Editor's edits to a XEP's header: its number, status and short name, and a new revision entry
 * on top of its history. Done on the text so the DOCTYPE, entity references and the author's
 * formatting stay exactly as written; the elements are found in the header itself, not where a
 * comment or a CDATA section spells them (a commented-out revision template took a new entry into
 * the comment).
 */
public final class HeaderEdits {
  private static final Pattern HEADER = Pattern.compile("<header(?:\\s[^>]*)?>(.*?)</header\\s*>", Pattern.DOTALL);
  private static final Pattern FIRST_REVISION = Pattern.compile("([ \\t]*)<revision(?:\\s[^>]*)?>");
  /** The Editor's name in the revisions the Editor adds. */
  public static final String EDITOR_INITIALS = "XEP Editor";

  private HeaderEdits() {
  }

  /** The header's first such element, with its attributes or written empty, replaced by one with the value. */
  public static String replaceElement(String source, String element, String value) {
    Matcher m = inHeader(source, Pattern.compile(
        "<" + element + "(?:\\s[^>]*)?(?:/>|>[^<]*</" + element + "\\s*>)"));
    return m == null ? source
        : source.substring(0, m.start()) + "<" + element + ">" + escape(value) + "</" + element + ">"
            + source.substring(m.end());
  }

  /** A revision entry of the Editor's above the newest one, indented as it is; none without a history. */
  public static String addRevision(String source, String version, String date, String remark) {
    return addRevision(source, version, date, EDITOR_INITIALS, remark);
  }

  /** A revision entry of someone else's, e.g. a version whose own document is not the one edited. */
  public static String addRevision(String source, String version, String date, String initials, String remark) {
    Matcher revision = inHeader(source, FIRST_REVISION);
    if (revision == null) {
      return source;
    }
    String indent = revision.group(1);
    String entry = indent + "<revision>\n"
        + indent + "  <version>" + escape(version) + "</version>\n"
        + indent + "  <date>" + date + "</date>\n"
        + indent + "  <initials>" + escape(initials) + "</initials>\n"
        + indent + "  <remark><p>" + escape(remark) + "</p></remark>\n"
        + indent + "</revision>\n";
    return source.substring(0, revision.start()) + entry + source.substring(revision.start());
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
}
