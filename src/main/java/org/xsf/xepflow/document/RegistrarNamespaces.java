package org.xsf.xepflow.document;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The protocol namespaces a XEP asks the XMPP Registrar to register (XEP-0001 section 14), read from
 * its document (entities expanded: {@link XepDocumentChecker#read(byte[])}) for the Editor, who
 * initiates their registration and corrects the list where the XEP's words defeat this reading.
 *
 * <p>Where they are, in the order looked at: the subsections of its "XMPP Registrar Considerations"
 * about namespaces ("Protocol Namespaces"); unless the section says that no interaction with the
 * Registrar is needed, the whole section (paragraphs, lists, {@code <tt>}, registry submissions in
 * {@code <code>}); when the section names none, its text: a namespace marked with xep.ent's
 * {@code &NSNOTE;} or {@code &VNOTE;}, or a versioned namespace of its short name
 * ({@code urn:xmpp:mix:0} for the short name MIX).
 */
public record RegistrarNamespaces(Found found, List<String> namespaces) {
  public static final String SECTION = "XMPP Registrar Considerations";

  /** What the document says. */
  public enum Found {
    /** The section says that no interaction with the Registrar is needed: nothing to register. */
    NO_INTERACTION,
    /** Namespaces its XMPP Registrar Considerations name. */
    IN_SECTION,
    /** The section names none; namespaces its text marks as the XEP's. */
    IN_TEXT,
    /** None found: the Editor reads the document. */
    NONE
  }

  /** XMPP's own namespace forms: the XSF's URNs, the older jabber.org URLs and jabber:iq:/jabber:x: names. */
  private static final Pattern NAMESPACE = Pattern.compile(
      "urn:xmpp:[A-Za-z0-9._~%+:@/#-]+|https?://jabber\\.org/protocol/[A-Za-z0-9._~%+:@/#-]+|jabber:(?:iq|x):[A-Za-z0-9._-]+");
  /** Said at the end of a sentence, not part of the namespace. */
  private static final Pattern TRAILING = Pattern.compile("[.:/#-]+$");
  /**
   * How XEPs say that they need no registration: "requires no interaction with the XMPP Registrar",
   * "does not need any interaction with", "No action on the part of the Registrar is necessary",
   * "No namespaces or parameters need to be registered", "defines no new XMPP namespaces", "None.".
   */
  private static final Pattern NO_INTERACTION = Pattern.compile(
      "\\bno (?:\\w+ ){0,2}interaction with\\b|\\bnot (?:need|require) any interaction with\\b"
          + "|\\bno action on the part of\\b|\\bno (?:new )?(?:(?:xml|xmpp|protocol) )?namespaces\\b"
          + "|^(?:none|none required|not applicable)\\.?$");
  /** The text xep.ent's {@code &NSNOTE;} and {@code &VNOTE;} put after a namespace the XEP defines. */
  private static final Pattern NAMESPACE_NOTE = Pattern.compile(
      "\\(see (?:Protocol Namespaces regarding issuance|Namespace Versioning regarding the possibility)");
  /** How far before such a note its namespace is looked for: the sentence it ends. */
  private static final int NOTE_REACH = 400;
  /** A short name that is one (not "N/A", "NOT_YET_ASSIGNED"). */
  private static final Pattern SHORTNAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  public static RegistrarNamespaces in(Document document) {
    Element root = document.getDocumentElement();
    Element section = Dom.children(root, "section1").stream()
        .filter(s -> s.getAttribute("topic").trim().equalsIgnoreCase(SECTION)).findFirst().orElse(null);
    if (section != null) {
      List<String> named = new ArrayList<>();
      for (Element subsection : subsections(section)) {
        if (isAboutNamespaces(subsection.getAttribute("topic"))) {
          named.addAll(namespaces(text(subsection)));
        }
      }
      if (!named.isEmpty()) {
        return new RegistrarNamespaces(Found.IN_SECTION, distinct(named));
      }
      String text = text(section);
      if (NO_INTERACTION.matcher(text.toLowerCase(Locale.ROOT)).find()) {
        return new RegistrarNamespaces(Found.NO_INTERACTION, List.of());
      }
      named = namespaces(text);
      if (!named.isEmpty()) {
        return new RegistrarNamespaces(Found.IN_SECTION, distinct(named));
      }
    }
    List<String> marked = inText(root);
    return marked.isEmpty() ? new RegistrarNamespaces(Found.NONE, List.of()) : new RegistrarNamespaces(Found.IN_TEXT, marked);
  }

  private static boolean isAboutNamespaces(String topic) {
    String lower = topic.toLowerCase(Locale.ROOT);
    // "Namespace Versioning" says how versions are raised, and names no namespace of its own
    return lower.contains("namespace") && !lower.contains("versioning");
  }

  private static List<Element> subsections(Element section) {
    List<Element> found = new ArrayList<>();
    for (Node n = section.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().matches("section[2-4]")) {
        found.add(e);
        found.addAll(subsections(e));
      }
    }
    return found;
  }

  /** The namespaces the text's notes mark, then those of its short name, from every section of the document. */
  private static List<String> inText(Element root) {
    StringBuilder body = new StringBuilder();
    for (Element section : Dom.children(root, "section1")) {
      body.append(text(section)).append(' ');
    }
    String text = body.toString();
    List<String> found = new ArrayList<>();
    Matcher note = NAMESPACE_NOTE.matcher(text);
    while (note.find()) {
      List<String> before = namespaces(text.substring(Math.max(0, note.start() - NOTE_REACH), note.start()));
      if (!before.isEmpty()) {
        found.add(before.get(before.size() - 1));
      }
    }
    Element header = Dom.child(root, "header");
    String shortname = header == null ? null : Dom.text(header, "shortname");
    if (shortname != null && SHORTNAME.matcher(shortname.toLowerCase(Locale.ROOT)).matches()) {
      Matcher own = Pattern.compile("urn:xmpp:" + Pattern.quote(shortname.toLowerCase(Locale.ROOT))
          + "(?::[a-z0-9-]+)*:\\d+(?![A-Za-z0-9._-])").matcher(text);
      while (own.find()) {
        found.add(own.group());
      }
    }
    return distinct(found);
  }

  private static List<String> namespaces(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = NAMESPACE.matcher(text);
    while (m.find()) {
      found.add(TRAILING.matcher(m.group()).replaceFirst(""));
    }
    return found;
  }

  private static List<String> distinct(List<String> namespaces) {
    Set<String> seen = new LinkedHashSet<>(namespaces);
    return List.copyOf(seen);
  }

  /**
   * The element's text (code blocks' too), whitespace collapsed, with a space where an element
   * begins or ends: the items of a list are words of their own, not one ("urn:xmpp:a:1urn:xmpp:b:1").
   */
  private static String text(Element element) {
    StringBuilder text = new StringBuilder();
    appendText(element, text);
    return text.toString().replaceAll("\\s+", " ").trim();
  }

  private static void appendText(Node node, StringBuilder text) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        text.append(' ');
        appendText(n, text);
        text.append(' ');
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
  }
}
