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
 * content model whose automaton grows exponentially, so the references in the document's text are
 * compared with the declarations the parse collected (one inside another entity's value is not seen).
 */
final class UndeclaredEntities {
  /** The parse has checked the names: any reference that is not a character's is one. */
  private static final Pattern REFERENCE = Pattern.compile("&([^#;&\\s][^;&\\s]*);");
  private static final Set<String> PREDEFINED = Set.of("amp", "lt", "gt", "quot", "apos");
  /** Enough for the Editor to see what is wrong; a document of nothing but such names gets no more. */
  private static final int MAX_NAMED = 20;

  private UndeclaredEntities() {
  }

  static List<Finding> in(Document document, byte[] xml) {
    DocumentType doctype = document.getDoctype();
    // UTF-8: the check refuses any other encoding (EncodingDeclaration)
    String decoded = new String(xml, StandardCharsets.UTF_8);
    // a byte order mark is no column of the first line
    String text = MarkupBlanked.of(decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded);
    Map<String, Finding> found = new LinkedHashMap<>();
    int line = 1;
    int lineStart = 0;
    int scanned = 0;
    Matcher m = REFERENCE.matcher(text);
    while (m.find() && found.size() < MAX_NAMED) {
      for (; scanned < m.start(); scanned++) {
        char c = text.charAt(scanned);
        if (c == '\n' || c == '\r' && (scanned + 1 == text.length() || text.charAt(scanned + 1) != '\n')) {
          line++;
          lineStart = scanned + 1;
        }
      }
      String name = m.group(1);
      if (!found.containsKey(name) && !PREDEFINED.contains(name)
          && (doctype == null || doctype.getEntities().getNamedItem(name) == null)) {
        found.put(name, finding(name, "line " + line + ", column " + (m.start() - lineStart + 1)));
      }
    }
    return List.copyOf(found.values());
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
