package org.xsf.xepflow.document;

import java.util.List;

/** A XEP document that could be read: its header and what is wrong with its format, if anything. */
public record CheckedDocument(XepHeader header, List<Finding> findings) {

  public boolean conforms() {
    return findings.isEmpty();
  }
}
