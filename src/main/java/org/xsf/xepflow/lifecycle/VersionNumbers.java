package org.xsf.xepflow.lifecycle;

import java.util.Comparator;
import java.util.Optional;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepVersion;

/**
 * Versions go up (XEP-0001: "0.2 after 0.1"): a new one is none the XEP has had, however written (1.1.0
 * is 1.1, and 1.1-1 is 1.1_1, which the site's file names write alike), and comes after every official one; a change the Council did not approve (withdrawn from tmp/,
 * never official) keeps its number, but the next version need not come after it.
 */
final class VersionNumbers {
  private VersionNumbers() {
  }

  /** The version of the XEP this number already is, if any. */
  static Optional<XepVersion> taken(Xep xep, String version) {
    ComparableVersion number = new ComparableVersion(version);
    String file = SiteWriter.inFileName(version);
    return xep.getVersions().stream().filter(taken -> new ComparableVersion(taken.getVersion()).equals(number)
        || SiteWriter.inFileName(taken.getVersion()).equals(file)).findFirst();
  }

  /** The XEP's highest official version, if this number does not come after it. */
  static Optional<ComparableVersion> notAfter(Xep xep, String version) {
    ComparableVersion number = new ComparableVersion(version);
    return xep.getVersions().stream().filter(v -> !v.isProvisional()).map(v -> new ComparableVersion(v.getVersion()))
        .max(Comparator.naturalOrder()).filter(latest -> number.compareTo(latest) < 0);
  }
}
