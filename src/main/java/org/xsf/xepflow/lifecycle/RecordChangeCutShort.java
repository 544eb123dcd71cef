package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The end listener of new-version: a change cut short (its process cancelled from outside, as the
 * XEP's state ended first) is recorded on the lifecycle that called it, which tells its author, and
 * the Standards list if it was told of the change, once it has changed the XEP's status: while the
 * change is cancelled, the status it goes to is not decided yet. BPMN has no step for "was cut short".
 */
@Component("recordChangeCutShort")
public class RecordChangeCutShort implements ExecutionListener {
  /** The lifecycle's variables that the diagram's "A change cut short?" reads, and removes after. */
  private static final String VERSION = "cutShortVersion";
  private static final String ANNOUNCED = "cutShortAnnounced";
  private static final String PROVISIONAL_URL = "cutShortProvisionalUrl";

  @Override
  public void notify(DelegateExecution execution) {
    DelegateExecution caller = execution.getSuperExecution();
    if (!execution.isCanceled() || caller == null) {
      return;
    }
    // the lifecycle's root scope: the state and the call activity are ending with the change
    DelegateExecution lifecycle = caller.getProcessInstance();
    lifecycle.setVariable(VERSION, execution.getVariable("newVersion"));
    lifecycle.setVariable(ANNOUNCED, Boolean.TRUE.equals(execution.getVariable("changeAnnounced")));
    lifecycle.setVariable(PROVISIONAL_URL, execution.getVariable("provisionalUrl"));
  }
}
