package org.xsf.xepflow.registry;

import java.time.Instant;

/**
 * A line of a list of XEPs (API, site index): what a list shows, not the documents.
 *
 * @param editorial its current version was published as an editorial change (XEP-0001 sections 8.1, 10)
 */
public record XepListing(int number, String title, XepType type, XepStatus status, Instant lastUpdated, String version,
    boolean editorial) {
  public String label() {
    return Xep.label(number);
  }

  /** @param current null for a XEP that has none */
  XepListing withVersion(XepListings.Current current) {
    return current == null ? new XepListing(number, title, type, status, lastUpdated, null, false)
        : new XepListing(number, title, type, status, lastUpdated, current.version(), current.editorial());
  }
}
