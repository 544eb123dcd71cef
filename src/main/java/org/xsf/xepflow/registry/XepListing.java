package org.xsf.xepflow.registry;

import java.time.Instant;

/** A line of a list of XEPs (API, site index): what a list shows, not the documents. */
public record XepListing(int number, String title, XepType type, XepStatus status, Instant lastUpdated, String version) {
  public String label() {
    return Xep.label(number);
  }

  XepListing withVersion(String current) {
    return new XepListing(number, title, type, status, lastUpdated, current);
  }
}
