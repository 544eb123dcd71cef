package org.xsf.xepflow.registry;

import java.util.Arrays;

/** The XEP types of XEP-0001 section 3, plus the SIG types today's documents use. */
public enum XepType {
  STANDARDS_TRACK("Standards Track"),
  INFORMATIONAL("Informational"),
  HISTORICAL("Historical"),
  HUMOROUS("Humorous"),
  PROCEDURAL("Procedural"),
  SIG_FORMATION("SIG Formation"),
  SIG_PROPOSAL("SIG Proposal");

  private final String label;

  XepType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The type as written in a XEP header ("Standards Track"); null when it is none of these. */
  public static XepType fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label.equalsIgnoreCase(label == null ? "" : label.trim()))
        .findFirst().orElse(null);
  }
}
