package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Tells an open vote on a XEP that a new revision was published: a vote binds only the revision it
 * was opened on (XEP-0001 section 8), so the council-vote process ends it.
 */
@Component
public class OpenVotes {
  static final String NEW_REVISION = "NewRevision";

  public void revisionChanged(DelegateExecution execution, int xepNumber) {
    // The author or Editor publishing the revision need not be allowed to touch the vote itself.
    Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(NEW_REVISION)
            .processInstanceVariableEquals("xepNumber", xepNumber).correlateAllWithResult());
  }
}
