package org.xsf.xepflow.lifecycle;

import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.Xep;

/**
 * Starts a XEP's xep-lifecycle instance (business key = its number) at the XEP's current status,
 * with the variables the diagram reads: for a newly accepted XEP and for an imported one alike.
 */
@Component
public class XepLifecycleStart {
  static final String XEP_ACCEPTED = "XepAccepted";
  private final SiteWriter site;

  public XepLifecycleStart(SiteWriter site) {
    this.site = site;
  }

  /**
   * @param inactiveSince when the XEP was last updated: the inactivity timer counts from there
   * @param issuedLastCallEnds the end of the Last Call a Proposed XEP is already in, or null: its
   *     Last Call then runs to that end, with no new announcement
   */
  public ProcessInstance start(RuntimeService runtimeService, Xep xep, String author, Date inactiveSince,
      Date issuedLastCallEnds) {
    var variables = Variables.createVariables()
        .putValue("xepNumber", xep.getNumber())
        .putValue("xepLabel", xep.label())
        .putValue("title", xep.getTitle())
        .putValue("xepType", xep.getType().label())
        .putValue("approvingBody", xep.getApprover())
        .putValue("author", author)
        .putValue("status", xep.getStatus().name())
        .putValue("version", xep.currentVersion().getVersion())
        .putValue("xepUrl", site.xepUrl(xep.getNumber()))
        .putValue("inactiveSince", inactiveSince)
        .putValue("draftSince", xep.getDraftSince() == null ? null : Date.from(xep.getDraftSince()))
        .putValue("queuedForAdvancement", false)
        .putValue("convertingToStandardsTrack", false)
        .putValue("interim", xep.isInterim())
        .putValue("interimSuccessor", null)
        .putValue("expires", xep.getExpires() == null ? null : Date.from(xep.getExpires()))
        .putValue("supersededBy", xep.getSupersededBy());
    if (issuedLastCallEnds != null) {
      variables.putValue("issuedLastCallEnds", issuedLastCallEnds);
    }
    return runtimeService.createMessageCorrelation(XEP_ACCEPTED).processInstanceBusinessKey(String.valueOf(xep.getNumber()))
        .setVariables(variables).correlateStartMessage();
  }
}
