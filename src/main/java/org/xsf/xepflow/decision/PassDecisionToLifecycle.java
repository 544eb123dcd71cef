package org.xsf.xepflow.decision;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Record the decision in the XEP's lifecycle": what a person records from a Tasklist start form
 * that names a XEP (the Council's decision, the Editor's own, an author's new version) goes to the
 * lifecycle of that XEP as the diagram's {@code message}. A lifecycle waits for these with message
 * events instead of tasks of its own, so task lists hold what needs doing now, not a task per XEP.
 * With {@code onlyBy}, the lifecycle variable naming the one person who may do this (its author),
 * anyone else is refused. A XEP that does not exist or is not waiting for this is refused too, and
 * nothing is stored.
 */
@Component("passDecisionToLifecycle")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PassDecisionToLifecycle implements JavaDelegate {
  /** The start event's initiator: who recorded it. */
  private static final String INITIATOR = "recordedBy";
  /** The form's field naming the XEP, and the initiator: the start form's own variables. */
  private static final Set<String> NOT_PASSED_ON = Set.of("xep", INITIATOR);
  private static final Pattern LABEL = Pattern.compile("XEP-(\\d{4,9})");
  private final XepRepository xeps;
  private Expression message;
  private Expression onlyBy;

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
    String businessKey = String.valueOf(Integer.parseInt(label.group(1)));
    Map<String, Object> passed = new HashMap<>(execution.getVariables());
    passed.keySet().removeAll(NOT_PASSED_ON);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    MessageCorrelationBuilder correlation = runtime.createMessageCorrelation(String.valueOf(message.getValue(execution)))
        .processInstanceBusinessKey(businessKey).setVariables(passed);
    String person = onlyBy == null ? null : String.valueOf(onlyBy.getValue(execution));
    Object initiator = execution.getVariable(INITIATOR);
    if (person != null) {
      correlation.processInstanceVariableEquals(person, initiator);
    }
    try {
      Context.getCommandContext().runWithoutAuthorization(correlation::correlateWithResult);
    } catch (MismatchingMessageCorrelationException notWaiting) {
      int number = Integer.parseInt(businessKey);
      Xep xep = xeps.findById(number).orElseThrow(() -> new InvalidInputException("There is no " + Xep.label(number)));
      if (person != null && Context.getCommandContext().runWithoutAuthorization(() -> runtime.createProcessInstanceQuery()
          .processInstanceBusinessKey(businessKey).variableValueEquals(person, initiator).count()) == 0) {
        throw new AuthorizationException("Only the " + person + " of " + xep.label() + " may do this, not " + initiator);
      }
      throw new InvalidInputException("%s (%s) is %s: it is not waiting for this".formatted(xep.label(),
          xep.getType().label(), xep.getStatus()));
    }
  }
}
