package org.xsf.xepflow.document;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * What XEP-0001 requires and a schema cannot say: the Security, IANA and XMPP Registrar
 * Considerations sections (sections 12 to 14), every author's first name, surname, email address
 * and JID (section 4), and the legal notice (section 4); and each revision dated as the XSF dates
 * them (2026-12-07), since the archive's import orders the versions and counts the twelve months
 * of inactivity by those dates.
 */
final class ContentChecks {
  static final List<String> REQUIRED_SECTIONS =
      List.of("Security Considerations", "IANA Considerations", "XMPP Registrar Considerations");
  private static final List<String> LEGAL_PARTS =
      List.of("copyright", "permissions", "warranty", "liability", "conformance");

  private ContentChecks() {
  }

  static List<Finding> of(Element root, Element header) {
    List<Finding> findings = new ArrayList<>();
    Set<String> topics = Dom.children(root, "section1").stream()
        .map(s -> s.getAttribute("topic").trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (String section : REQUIRED_SECTIONS) {
      if (!topics.contains(section.toLowerCase(Locale.ROOT))) {
        findings.add(new Finding("Missing section '" + section + "'", "/xep"));
      }
    }
    List<Element> authors = Dom.children(header, "author");
    for (int i = 0; i < authors.size(); i++) {
      Element author = authors.get(i);
      for (String detail : List.of("firstname", "surname", "email", "jid")) {
        String value = Dom.text(author, detail);
        if (value == null || value.isEmpty()) {
          findings.add(new Finding("Author " + name(author) + " has no " + detail,
              "/xep/header/author[" + (i + 1) + "]"));
        }
      }
    }
    List<Element> revisions = Dom.children(header, "revision");
    for (int i = 0; i < revisions.size(); i++) {
      String date = Dom.text(revisions.get(i), "date");
      if (date != null && !isDay(date)) {
        findings.add(new Finding("Revision " + Dom.text(revisions.get(i), "version") + " is dated '" + date
            + "', not a day written as 2026-12-07", "/xep/header/revision[" + (i + 1) + "]"));
      }
    }
    Element legal = Dom.child(header, "legal");
    if (legal == null || LEGAL_PARTS.stream().anyMatch(p -> Dom.text(legal, p) == null || Dom.text(legal, p).isEmpty())) {
      findings.add(new Finding("The legal notice of the XSF IPR Policy is missing or incomplete", "/xep/header/legal"));
    }
    return findings;
  }

  private static boolean isDay(String date) {
    try {
      LocalDate.parse(date);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String name(Element author) {
    String name = ((Dom.text(author, "firstname") == null ? "" : Dom.text(author, "firstname")) + " "
        + (Dom.text(author, "surname") == null ? "" : Dom.text(author, "surname"))).trim();
    return name.isEmpty() ? "(unnamed)" : name;
  }
}
