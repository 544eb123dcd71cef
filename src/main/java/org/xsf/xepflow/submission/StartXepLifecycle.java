package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * "Start the XEP's lifecycle": one xep-lifecycle instance per XEP, business key = its number,
 * from status Experimental (XEP-0001 sections 6 to 11 take over from here).
 */
@Component("startXepLifecycle")
public class StartXepLifecycle implements JavaDelegate {
  static final String XEP_ACCEPTED = "XepAccepted";

  @Override
  public void execute(DelegateExecution execution) {
    SubmissionVariables vars = new SubmissionVariables(execution);
    Integer number = vars.xepNumber();
    var variables = Variables.createVariables()
        .putValue("xepNumber", number)
        .putValue("xepLabel", execution.getVariable("xepLabel"))
        .putValue("title", vars.title())
        .putValue("xepType", vars.xepType())
        .putValue("approvingBody", execution.getVariable("approvingBody"))
        .putValue("author", vars.author())
        .putValue("status", "Experimental")
        .putValue("version", "0.1")
        .putValue("xepUrl", execution.getVariable("xepUrl"))
        .putValue("inactiveSince", ClockUtil.getCurrentTime())
        .putValue("queuedForAdvancement", false)
        .putValue("convertingToStandardsTrack", false)
        .putValue("interim", false)
        .putValue("interimSuccessor", null)
        .putValue("expires", null)
        .putValue("supersededBy", null);
    // The lifecycle is the engine's own bookkeeping, not an action of whoever accepted the XEP.
    Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(XEP_ACCEPTED)
            .processInstanceBusinessKey(String.valueOf(number)).setVariables(variables)
            .correlateStartMessage());
  }
}
