package org.xsf.xepflow.lifecycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.document.HeaderEdits;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepVersion;

/**
 * "Publish the text of the version before the reversed one as a new version": the XMPP Council may
 * demand the reversal of any change made by the Editor or the author to a Draft, Final or Active XEP
 * (XEP-0001 sections 8.1, 10). Only the change its current version made is reversed, as a new version
 * (numbered by the Editor, above every version the XEP has had) whose text is the previous official
 * version's, with the XEP's status and a revision entry of the Editor's saying so. Anything else is
 * refused and nothing changes: the demand runs in the transaction of the Editor's start form. The
 * lifecycle takes the demand only while no new version of the XEP is under review or vote.
 */
@Component("reverseChange")
public class ReverseChange implements JavaDelegate {
  private final XepRepository xeps;
  private final SiteWriter site;
  private final OpenVotes openVotes;
  private final SitePublisher publisher;

  public ReverseChange(XepRepository xeps, SiteWriter site, OpenVotes openVotes, SitePublisher publisher) {
    this.xeps = xeps;
    this.site = site;
    this.openVotes = openVotes;
    this.publisher = publisher;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    String reversed = vars.string("reversedVersion");
    String reversal = vars.string("reversalVersion");
    List<XepVersion> official = xep.getVersions().stream().filter(v -> !v.isProvisional()).toList();
    XepVersion current = official.get(official.size() - 1);
    if (!current.getVersion().equals(reversed)) {
      refuse("Version %s is not the current version of %s: the Council's demand reverses the change of its current version, %s."
          .formatted(reversed, xep.label(), current.getVersion()));
    }
    if (official.size() < 2) {
      refuse("%s has no version before %s to go back to.".formatted(xep.label(), reversed));
    }
    List<StatusChange> history = xep.getStatusHistory();
    if (!history.isEmpty() && reversed.equals(history.get(history.size() - 1).getVersion())) {
      refuse("Version %s is the revision %s became %s with, by the approving body's vote: a status is not reversed as a change."
          .formatted(reversed, xep.label(), xep.getStatus()));
    }
    XepVersion restored = official.get(official.size() - 2);
    if (restored.getDocument() == null) {
      refuse("The text of version %s of %s is not kept (it was imported from the revision history): publish the earlier text as a new version instead."
          .formatted(restored.getVersion(), xep.label()));
    }
    numberedAboveItsVersions(xep, reversal);

    Instant now = ClockUtil.getCurrentTime().toInstant();
    String remark = "Reversal of version %s, as demanded by the XMPP Council: the text of version %s."
        .formatted(reversed, restored.getVersion());
    // the earlier text, its history going on: the reversed version stays in it, as published
    String document = HeaderEdits.replaceElement(restored.getDocument(), "status", xep.getStatus().name());
    document = HeaderEdits.addRevision(document, current.getVersion(), day(current.getPublishedAt()),
        Objects.toString(current.getInitials(), ""), Objects.toString(current.getRemark(), ""));
    document = HeaderEdits.addRevision(document, reversal, day(now), remark);
    xep.publish(reversal, HeaderEdits.EDITOR_INITIALS, remark, document, now);
    publisher.xepChanged(xep.getNumber());
    execution.setVariable("restoredVersion", restored.getVersion());
    execution.setVariable("version", reversal);
    execution.setVariable("xepUrl", site.xepUrl(xep.getNumber()));
    // a vote binds the revision it was opened on (the vote on Final)
    openVotes.revisionChanged(execution, xep.getNumber());
  }

  /**
   * The new version's number is none the XEP has had, however written (1.1.0 is 1.1), and comes after
   * its official versions, as a new version's must ({@link CheckNewVersion}).
   */
  private static void numberedAboveItsVersions(Xep xep, String version) {
    if (version == null || version.isBlank()) {
      refuse("Give the number of the new version that reverses the change.");
    }
    ComparableVersion number = new ComparableVersion(version);
    for (XepVersion taken : xep.getVersions()) {
      int order = number.compareTo(new ComparableVersion(taken.getVersion()));
      if (order == 0 || (order < 0 && !taken.isProvisional())) {
        refuse("Version %s of %s does not come after its version %s: number the reversal above its current version."
            .formatted(version, xep.label(), taken.getVersion()));
      }
    }
  }

  private static String day(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static void refuse(String why) {
    throw new InvalidInputException(why + " Nothing was changed.");
  }
}
