package org.xsf.xepflow.lifecycle;

import java.time.Instant;
import java.util.Date;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.Actor;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepVersionRepository;

/**
 * "Change the status": the one place where a XEP's status changes, always with a history entry
 * (who, when, why, which revision). The diagram sets {@code nextStatus} and {@code statusReason}.
 */
@Component("changeXepStatus")
public class ChangeXepStatus implements JavaDelegate {
  static final String SUCCESSOR_APPROVED = "SuccessorApproved";
  private final XepRepository xeps;
  private final XepVersionRepository versions;
  private final SitePublisher publisher;

  public ChangeXepStatus(XepRepository xeps, XepVersionRepository versions, SitePublisher publisher) {
    this.xeps = xeps;
    this.versions = versions;
    this.publisher = publisher;
  }

  /**
   * Interim XEPs with a "soft" expiration date expire when their successor is approved (section 11).
   * Only those wait for the message, found by its name (indexed); a correlation by the variable's
   * value instead searched every process on H2: at 6,000 XEPs, nearly half of a lifecycle's time.
   */
  private static void successorApproved(DelegateExecution execution, String label) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (EventSubscription waiting : runtime.createEventSubscriptionQuery().eventType("message")
          .eventName(SUCCESSOR_APPROVED).list()) {
        String instance = waiting.getProcessInstanceId();
        if (label.equals(runtime.getVariable(instance, "interimSuccessor"))) {
          runtime.createMessageCorrelation(SUCCESSOR_APPROVED).processInstanceId(instance).correlateAllWithResult();
        }
      }
      return null;
    });
  }

  /**
   * The document version a XEP advanced to Draft or Active is published as, 1.0, or to Final, 2.0
   * (XEP-0001 sections 8.1 and 10), when it is not there yet; null when none is due.
   */
  private static String edition(XepStatus to, String current) {
    String edition = switch (to) {
      case Draft, Active -> "1.0";
      case Final -> "2.0";
      default -> null;
    };
    return edition == null || new ComparableVersion(current).compareTo(new ComparableVersion(edition)) >= 0 ? null : edition;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    XepStatus to = XepStatus.valueOf(vars.string("nextStatus"));
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (to == XepStatus.Draft && vars.flag("convertingToStandardsTrack")) {
      xep.convertToStandardsTrack();
      execution.setVariable("convertingToStandardsTrack", false);
    }
    if (to == XepStatus.Deprecated) {
      String successor = vars.string("supersededBy");
      xep.setSupersededBy(successor == null || successor.isBlank() ? null : successor.trim());
    }
    String version = versions.currentVersionOf(xep);
    String edition = edition(to, version);
    // an imported XEP's current version may have no document to edit
    String document = edition == null || xep.version(edition).isPresent() ? null : xep.currentVersion().getDocument();
    if (document != null) {
      EditorsVersion.publish(xep, document, to, edition, to + ": " + vars.string("statusReason"), now);
      version = edition;
    }
    xep.changeStatus(to, Actor.current(), now, vars.string("statusReason"), version);
    if (document != null) {
      publisher.xepChanged(xep.getNumber());
    } else {
      publisher.statusChanged(xep.getNumber(), version);
    }
    vars.update("status", to.name());
    vars.update("xepType", xep.getType().label());
    vars.update("version", version);
    if (to == XepStatus.Experimental) {
      // the 12 months without a new version count from here; no other status has that timer
      execution.setVariable("inactiveSince", Date.from(now));
    }
    if (to == XepStatus.Draft || to == XepStatus.Active || to == XepStatus.Final) {
      successorApproved(execution, xep.label());
    }
    if (xep.getDraftSince() != null) {
      vars.update("draftSince", Date.from(xep.getDraftSince()));
    }
  }
}
