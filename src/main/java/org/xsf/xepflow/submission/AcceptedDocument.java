package org.xsf.xepflow.submission;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Editor's edits to the source of an accepted ProtoXEP: number, status, short name and a
 * revision entry for version 0.1. Done on the text so the DOCTYPE, entity references and the
 * author's formatting stay exactly as written.
 */
final class AcceptedDocument {
  private static final Pattern FIRST_REVISION = Pattern.compile("([ \\t]*)<revision>");

  private AcceptedDocument() {
  }

  static String edit(String source, int number, String shortname, String date, String initials,
      String remark) {
    String edited = replaceElement(source, "number", "%04d".formatted(number));
    edited = replaceElement(edited, "status", "Experimental");
    edited = replaceElement(edited, "shortname", shortname);
    Matcher revision = FIRST_REVISION.matcher(edited);
    if (!revision.find()) {
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

  private static String replaceElement(String source, String element, String value) {
    Matcher m = Pattern.compile("<" + element + ">[^<]*</" + element + ">").matcher(source);
    return m.find()
        ? source.substring(0, m.start()) + "<" + element + ">" + escape(value) + "</" + element + ">"
            + source.substring(m.end())
        : source;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
