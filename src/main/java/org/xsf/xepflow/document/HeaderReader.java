package org.xsf.xepflow.document;

import java.util.List;
import org.w3c.dom.Element;

/** Reads a XEP header into a {@link XepHeader}. */
final class HeaderReader {
  private HeaderReader() {
  }

  static XepHeader read(Element header) {
    List<Author> authors = Dom.children(header, "author").stream().map(a -> new Author(
        Dom.text(a, "firstname"), Dom.text(a, "surname"), Dom.text(a, "email"), Dom.text(a, "jid"))).toList();
    List<Revision> revisions = Dom.children(header, "revision").stream().map(r -> new Revision(
        Dom.text(r, "version"), Dom.text(r, "date"), Dom.text(r, "initials"), Dom.text(r, "remark"))).toList();
    List<Element> lastCalls = Dom.children(header, "lastcall");
    return new XepHeader(Dom.text(header, "title"), Dom.text(header, "abstract"), Dom.text(header, "number"),
        Dom.text(header, "status"), Dom.text(header, "type"), Dom.text(header, "approver"),
        Dom.text(header, "shortname"),
        lastCalls.isEmpty() ? null : lastCalls.get(0).getTextContent().trim(),
        Dom.text(header, "expires"), Dom.child(header, "interim") != null,
        Dom.texts(header, "dependencies", "spec"), Dom.texts(header, "supersedes", "spec"),
        Dom.texts(header, "supersededby", "spec"), authors, revisions);
  }
}
