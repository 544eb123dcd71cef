package org.xsf.xepflow.mail;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * "Announce ... on the Standards list": writes the step's message ({@code to}, {@code subject},
 * {@code text}) and starts an {@code announcement} process with it, in the step's own transaction.
 * The mail is sent by that process, not by the step's: a job of the step's process would be deleted
 * with it when its state ends first (a vote voided, a XEP re-assigned), and the mail with it.
 * A mail to one person gives {@code to} as {@code ${people.address(author)}}: a person without an
 * address is not mailed, with a warning, as a missing address must not fail the step that mails them
 * (a reminder, a decision that cut their change short) into an incident.
 */
@Component("queueAnnouncement")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class QueueAnnouncement implements JavaDelegate {
  public static final String PROCESS = "announcement";
  /** Which process instance wrote it: Cockpit's way from an announcement back to its XEP's steps. */
  public static final String ANNOUNCED_BY = "announcedBy";
  private static final Logger LOG = LoggerFactory.getLogger(QueueAnnouncement.class);
  private Expression to;
  private Expression subject;
  private Expression text;

  @Override
  public void execute(DelegateExecution execution) {
    start(execution, to, subject, text);
  }

  /** Starts the announcement of the message these fields of a step or listener give. */
  static void start(DelegateExecution execution, Expression to, Expression subject, Expression text) {
    Object recipients = field("to", to, execution);
    Object title = field("subject", subject, execution);
    if (recipients instanceof Optional<?> person) {
      if (person.isEmpty()) {
        LOG.warn("\"{}\" is not sent: the person it is for has no mail address (add one in Admin)", title);
        return;
      }
      recipients = person.get();
    }
    Map<String, Object> message = Map.of("to", recipients, "subject", title, "text", field("text", text, execution),
        ANNOUNCED_BY, execution.getProcessInstanceId());
    // whoever completed the step need not be allowed to start processes of their own
    Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(PROCESS, execution.getProcessBusinessKey(), message));
  }

  private static Object field(String name, Expression field, DelegateExecution execution) {
    Object value = field == null ? null : field.getValue(execution);
    if (value == null || value.toString().isBlank()) {
      throw new ProcessEngineException("The announcement of " + where(execution) + " has no " + name);
    }
    return value;
  }

  /** The step whose message it is, or its process, for a listener on the process itself (no activity). */
  private static String where(DelegateExecution execution) {
    return execution.getCurrentActivityId() != null ? execution.getCurrentActivityId()
        : "the process " + Context.getCommandContext().runWithoutAuthorization(() -> execution
            .getProcessEngineServices().getRepositoryService().getProcessDefinition(execution.getProcessDefinitionId()))
            .getKey();
  }
}
