package org.xsf.xepflow.vote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * "End the open Council votes": a vote the Council did not complete within its term is void; a new
 * Last Call and a vote by the new Council follow (XEP-0001 section 8). Board votes go on.
 */
@Component("endCouncilTerm")
public class EndCouncilTerm implements JavaDelegate {
  static final String COUNCIL_TERM_ENDED = "CouncilTermEnded";

  @Override
  public void execute(DelegateExecution execution) {
    int ended = Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(COUNCIL_TERM_ENDED)
            .processInstanceVariableEquals("approvingBody", "Council").correlateAllWithResult().size());
    execution.setVariable("votesEnded", ended);
  }
}
