package org.xsf.xepflow.decision;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Record the decision in the XEP's lifecycle": a decision the Editor records from a Tasklist start
 * form (the Council's, or the Editor's own) goes to the lifecycle of the XEP the form names, as the
 * diagram's {@code message}. A lifecycle waits for a decision with a message event instead of a task
 * of its own, so the Editor's task list holds what needs doing now, not a task per XEP. A XEP that
 * does not exist or is not waiting for this decision is refused, and nothing is stored.
 */
@Component("passDecisionToLifecycle")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PassDecisionToLifecycle implements JavaDelegate {
  /** The form's field naming the XEP, and the start event's initiator: the decision's own variables. */
  private static final Set<String> NOT_PASSED_ON = Set.of("xep", "recordedBy");
  private static final Pattern LABEL = Pattern.compile("XEP-(\\d{4,9})");
  private final XepRepository xeps;
  private Expression message;

  public PassDecisionToLifecycle(XepRepository xeps) {
    this.xeps = xeps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object named = execution.getVariable("xep");
    Matcher label = LABEL.matcher(named == null ? "" : named.toString().trim());
    if (!label.matches()) {
      throw new InvalidInputException("Name the XEP as XEP- and its number, e.g. XEP-0060, not \"" + named + "\"");
    }
    int number = Integer.parseInt(label.group(1));
    Map<String, Object> decision = new HashMap<>(execution.getVariables());
    decision.keySet().removeAll(NOT_PASSED_ON);
    String messageName = String.valueOf(message.getValue(execution));
    try {
      Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
          .getRuntimeService().createMessageCorrelation(messageName)
          .processInstanceBusinessKey(String.valueOf(number)).setVariables(decision).correlateWithResult());
    } catch (MismatchingMessageCorrelationException notWaiting) {
      throw new InvalidInputException(xeps.findById(number)
          .map(xep -> "%s (%s) is %s: it is not waiting for this decision".formatted(xep.label(), xep.getType().label(),
              xep.getStatus()))
          .orElse("There is no " + Xep.label(number)));
    }
  }
}
