package org.xsf.xepflow.mail;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * An end listener that announces its message ({@code to}, {@code subject}, {@code text}) only when
 * its process or step was cancelled from outside, not when it ended on its own: BPMN has no step for
 * "was cut short". A change of a XEP still under review or vote ends with the state that called it (a
 * vote on Final passed, the Council deprecated it), and its author must hear that it was not published.
 * new-version tells so itself only when its lifecycle's diagram does not (one started before the
 * forty-fifth session): the current one tells once it has changed the status, naming it
 * ({@code RecordChangeCutShort}). {@code when}, if given, must also hold (e.g. the list was told of it).
 */
@Component("announceWhenCancelled")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class AnnounceWhenCancelled implements ExecutionListener {
  private static final Logger LOG = LoggerFactory.getLogger(AnnounceWhenCancelled.class);
  private Expression to;
  private Expression subject;
  private Expression text;
  private Expression when;

  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.isCanceled() || (when != null && !Boolean.TRUE.equals(when.getValue(execution)))) {
      return;
    }
    // changes started before the forty-third session, on their new-version, give an author without an
    // address as '' (QueueAnnouncement refuses it, which would hold back the decision that cut them short)
    if ("".equals(to.getValue(execution))) {
      LOG.warn("{} of {} ended unfinished; no mail address to tell it to", execution.getProcessDefinitionId(),
          execution.getProcessBusinessKey());
      return;
    }
    QueueAnnouncement.start(execution, to, subject, text);
  }
}
