package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.lifecycle.XepLifecycleStart;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Start the XEP's lifecycle": XEP-0001 sections 6 to 11 take over from here, with the XEP
 * Experimental since now.
 */
@Component("startXepLifecycle")
public class StartXepLifecycle implements JavaDelegate {
  private final XepRepository xeps;
  private final XepLifecycleStart lifecycle;

  public StartXepLifecycle(XepRepository xeps, XepLifecycleStart lifecycle) {
    this.xeps = xeps;
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubmissionVariables vars = new SubmissionVariables(execution);
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    // The lifecycle is the engine's own bookkeeping, not an action of whoever accepted the XEP.
    Context.getCommandContext().runWithoutAuthorization(() -> lifecycle.start(
        execution.getProcessEngineServices().getRuntimeService(), xep, vars.author(), ClockUtil.getCurrentTime(), null));
  }
}
