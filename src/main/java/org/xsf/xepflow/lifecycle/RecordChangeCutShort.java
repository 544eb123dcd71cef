package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * An end listener of new-version: a change cut short (its process cancelled from outside, as the
 * XEP's state ended first) is recorded on the lifecycle that called it, which tells its author, and
 * the Standards list if it was told of the change, once it has changed the XEP's status: while the
 * change is cancelled, the status it goes to is not decided yet. BPMN has no step for "was cut short".
 * {@code when} must hold: the lifecycle's diagram says that it tells (one started on an earlier
 * diagram does not, and new-version's own listeners tell instead).
 */
@Component("recordChangeCutShort")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class RecordChangeCutShort implements ExecutionListener {
  private Expression when;

  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.isCanceled() || !Boolean.TRUE.equals(when.getValue(execution))) {
      return;
    }
    // the lifecycle's root scope: its state and the call activity end with the change
    DelegateExecution lifecycle = execution.getSuperExecution().getProcessInstance();
    lifecycle.setVariable("cutShortVersion", execution.getVariable("newVersion"));
    lifecycle.setVariable("cutShortAnnounced", Boolean.TRUE.equals(execution.getVariable("changeAnnounced")));
    lifecycle.setVariable("cutShortProvisionalUrl", execution.getVariable("provisionalUrl"));
  }
}
