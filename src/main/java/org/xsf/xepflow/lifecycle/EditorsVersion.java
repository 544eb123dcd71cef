package org.xsf.xepflow.lifecycle;

import java.time.Instant;
import java.time.ZoneOffset;
import org.xsf.xepflow.document.HeaderEdits;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepStatus;

/**
 * A version the XMPP Extensions Editor publishes from a document of the XEP's (1.0 or 2.0 on an
 * advancement, a reversal): its header's status set, and a revision entry of the Editor's that says why.
 */
final class EditorsVersion {
  private EditorsVersion() {
  }

  static void publish(Xep xep, String document, XepStatus status, String version, String remark, Instant at) {
    String edited = HeaderEdits.addRevision(HeaderEdits.replaceElement(document, "status", status.name()), version,
        day(at), remark);
    xep.publish(version, HeaderEdits.EDITOR_INITIALS, remark, edited, at);
  }

  /** A date as revision entries write it: 2026-12-07. */
  static String day(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }
}
