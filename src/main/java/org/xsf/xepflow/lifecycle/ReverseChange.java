package org.xsf.xepflow.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.document.HeaderEdits;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepVersion;

/**
 * "Publish the text of the version before the reversed one as a new version": the XMPP Council may
 * demand the reversal of any change made by the Editor or the author to a Draft, Final or Active XEP
 * (XEP-0001 sections 8.1, 10). Only the change its current version made is reversed, as a new version
 * (numbered by the Editor, above every version the XEP has had) whose text is the previous official
 * version's, with the XEP's status and a revision entry of the Editor's saying so and on which day the
 * Council decided (a day of the calendar, not after today: the form's pattern takes 2026-02-30 and days
 * to come). Anything else is refused and nothing changes: the demand runs in the transaction of the
 * Editor's start form. The lifecycle takes the demand only while no new version of the XEP is under
 * review or vote.
 */
@Component("reverseChange")
public class ReverseChange implements JavaDelegate {
  private final XepRepository xeps;
  private final NewOfficialVersion newOfficialVersion;

  public ReverseChange(XepRepository xeps, NewOfficialVersion newOfficialVersion) {
    this.xeps = xeps;
    this.newOfficialVersion = newOfficialVersion;
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
    String decidedOn = vars.string("councilDecidedOn");
    decidedByToday(decidedOn, now);

    String remark = "Reversal of version %s, as demanded by the XMPP Council on %s: the text of version %s."
        .formatted(reversed, decidedOn, restored.getVersion());
    // the earlier text, its history going on: the reversed version stays in it, as published
    String document = HeaderEdits.addRevision(restored.getDocument(), current.getVersion(),
        EditorsVersion.day(current.getPublishedAt()), Objects.toString(current.getInitials(), ""),
        Objects.toString(current.getRemark(), ""));
    EditorsVersion.publish(xep, document, xep.getStatus(), reversal, remark, now);
    execution.setVariable("restoredVersion", restored.getVersion());
    newOfficialVersion.published(execution, xep, reversal);
  }

  /** Numbered as new versions are ({@link VersionNumbers}). */
  private static void numberedAboveItsVersions(Xep xep, String version) {
    if (version == null || version.isBlank()) {
      refuse("Give the number of the new version that reverses the change.");
    }
    VersionNumbers.taken(xep, version).map(XepVersion::getVersion)
        .or(() -> VersionNumbers.notAfter(xep, version).map(Object::toString))
        .ifPresent(above -> refuse("Version %s of %s does not come after its version %s: number the reversal above its current version."
            .formatted(version, xep.label(), above)));
  }

  /** A day of the calendar, not after today: the reversal's own revision entry, dated today, records it. */
  private static void decidedByToday(String decidedOn, Instant now) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    try {
      if (LocalDate.parse(Objects.toString(decidedOn, "")).isAfter(today)) {
        refuse("The Council decided on %s, after today (%s): give the day of its decision.".formatted(decidedOn, today));
      }
    } catch (DateTimeParseException e) {
      refuse("The day the Council decided is a day of the calendar such as 2026-06-30, not '%s'.".formatted(decidedOn));
    }
  }

  private static void refuse(String why) {
    throw new InvalidInputException(why + " Nothing was changed.");
  }
}
