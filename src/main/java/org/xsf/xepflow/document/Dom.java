package org.xsf.xepflow.document;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small helpers for reading the XEP DOM. */
final class Dom {
  private Dom() {
  }

  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The element's text with whitespace collapsed, or null when there is no such child. */
  static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().replaceAll("\\s+", " ").trim();
  }

  static List<String> texts(Element parent, String name, String item) {
    Element child = child(parent, name);
    return child == null ? List.of()
        : children(child, item).stream().map(e -> e.getTextContent().replaceAll("\\s+", " ").trim()).toList();
  }
}
