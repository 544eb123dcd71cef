package org.xsf.xepflow.document;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;

/**
 * Entities that nothing declares (a XEP newer than the bundled xep.ent, a typo, a DOCTYPE that never
 * reads xep.ent) show as nothing, in the text and in attributes such as a section's topic, and the
 * parser says nothing: XEPs pull their declarations in from outside, where XML leaves a missing one
 * to validating parsers. Validating against the document's own DTD would let a document declare a
 * content model whose automaton grows exponentially, so the references are read from the text and
 * compared with the declarations the parse collected.
 */
final class UndeclaredEntities {
  /** What is not markup's text: comments, CDATA sections, processing instructions and the DOCTYPE. */
  private static final Pattern NOT_TEXT = Pattern.compile(
      "<!--.*?-->|<!\\[CDATA\\[.*?]]>|<\\?.*?\\?>|<!DOCTYPE[^\\[>]*(?:\\[.*?]\\s*)?>", Pattern.DOTALL);
  private static final Pattern REFERENCE = Pattern.compile("&([A-Za-z_:][-A-Za-z0-9._:]*);");
  private static final Set<String> PREDEFINED = Set.of("amp", "lt", "gt", "quot", "apos");
  /** Enough for the Editor to see what is wrong; a document of nothing but such names gets no more. */
  private static final int MAX_NAMED = 20;

  private UndeclaredEntities() {
  }

  static List<Finding> in(Document document, byte[] xml) {
    DocumentType doctype = document.getDoctype();
    // entity names are ASCII: read in the bytes of any encoding but UTF-16's
    String text = blankOut(new String(xml, StandardCharsets.ISO_8859_1));
    Map<String, Finding> found = new LinkedHashMap<>();
    int line = 1;
    int lineStart = 0;
    int scanned = 0;
    Matcher m = REFERENCE.matcher(text);
    while (m.find() && found.size() < MAX_NAMED) {
      for (; scanned < m.start(); scanned++) {
        if (text.charAt(scanned) == '\n') {
          line++;
          lineStart = scanned + 1;
        }
      }
      String name = m.group(1);
      if (!PREDEFINED.contains(name) && (doctype == null || doctype.getEntities().getNamedItem(name) == null)) {
        found.putIfAbsent(name, finding(name, "line " + line + ", column " + (m.start() - lineStart + 1)));
      }
    }
    return List.copyOf(found.values());
  }

  /** Spaces for what is not text, keeping its line breaks, so that positions stay where they were. */
  private static String blankOut(String xml) {
    StringBuilder text = new StringBuilder(xml);
    Matcher m = NOT_TEXT.matcher(xml);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        if (text.charAt(i) != '\n') {
          text.setCharAt(i, ' ');
        }
      }
    }
    return text.toString();
  }

  private static Finding finding(String name, String where) {
    if (BundledEntities.XEP_ENT.declares(name)) {
      return new Finding("The entity &" + name + "; is in the XSF's xep.ent, but the document's DOCTYPE does not read "
          + "xep.ent: it shows as nothing", where);
    }
    return new Finding("The entity &" + name + "; is declared neither in the document nor in the XSF's xep.ent: "
        + "it shows as nothing", where);
  }
}
