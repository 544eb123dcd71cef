package org.xsf.xepflow.document;

import java.util.stream.Collectors;

/** The findings of a check as text for a Tasklist form, one per line. */
public final class FindingsText {
  private FindingsText() {
  }

  public static String of(CheckedDocument checked) {
    return checked.findings().isEmpty()
        ? "No findings: the document conforms to the XEP format."
        : checked.findings().stream().map(f -> "- " + f.what() + " (" + f.where() + ")")
            .collect(Collectors.joining("\n"));
  }
}
