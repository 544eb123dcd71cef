package org.xsf.xepflow.decision;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.lifecycle.LifecycleStates;
import org.xsf.xepflow.registrar.StartNamespaceRegistration;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Record the decision in the XEP's lifecycle": what a person records from a Tasklist start form
 * that names a XEP (the Council's decision, the Editor's own, an author's new version) goes to the
 * lifecycle of that XEP as the diagram's {@code message}. A lifecycle waits for these with message
 * events instead of tasks of its own, so task lists hold what needs doing now, not a task per XEP.
 * With {@code onlyBy}, the lifecycle variable naming the one person who may do this (its author),
 * anyone but that person, as logged in, is refused; with {@code passOn}, only the fields it names
 * reach the lifecycle. A XEP that does not exist or is not waiting for this is refused too, and
 * nothing is stored: one whose status is not that of a state that takes the message is told which
 * are (from the diagram its lifecycle runs), one in such a state what it waits for first, and one
 * whose diagram takes the message in no state that the form and the diagram are out of step.
 */
@Component("passDecisionToLifecycle")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PassDecisionToLifecycle implements JavaDelegate {
  /** The start event's initiator: who is logged in. */
  private static final String INITIATOR = "recordedBy";
  /** The form's field naming the XEP, and the initiator: the start form's own variables. */
  private static final Set<String> NOT_PASSED_ON = Set.of("xep", INITIATOR);
  private static final Pattern LABEL = Pattern.compile("XEP-(\\d{4,9})");
  private final XepRepository xeps;
  private Expression message;
  private Expression onlyBy;
  private Expression passOn;

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
    String businessKey = String.valueOf(number);
    CommandContext command = Context.getCommandContext();
    String user = command.getAuthenticatedUserId();
    // the engine sets the initiator before the caller's variables, which could name someone else
    if (!Objects.equals(user, execution.getVariable(INITIATOR))) {
      throw new AuthorizationException("Who records it is who is logged in, not " + execution.getVariable(INITIATOR));
    }
    String person = onlyBy == null ? null : String.valueOf(onlyBy.getValue(execution));
    if (person != null && user == null) {
      throw new AuthorizationException("Only the " + person + " of " + Xep.label(number) + ", logged in, may do this");
    }
    ProcessEngineServices engine = execution.getProcessEngineServices();
    String name = String.valueOf(message.getValue(execution));
    MessageCorrelationBuilder correlation = engine.getRuntimeService().createMessageCorrelation(name)
        .processInstanceBusinessKey(businessKey).setVariables(passedOn(execution));
    if (person != null) {
      correlation.processInstanceVariableEquals(person, user);
    }
    try {
      command.runWithoutAuthorization(correlation::correlateWithResult);
    } catch (MismatchingMessageCorrelationException notWaiting) {
      Xep xep = xeps.findById(number).orElseThrow(() -> new InvalidInputException("There is no " + Xep.label(number)));
      // the history holds ended lifecycles too (a Retracted XEP's)
      if (person != null && command.runWithoutAuthorization(() -> engine.getHistoryService()
          .createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
          .variableValueEquals(person, user).count()) == 0) {
        throw new AuthorizationException("Only the " + person + " of " + xep.label() + " may do this, not " + user);
      }
      throw new InvalidInputException(whyNot(execution, command, xep, name));
    }
  }

  /**
   * Why the XEP's lifecycle does not take the message: its type is none of those it applies to, or its
   * status none of those whose state takes it (as the diagram its lifecycle runs says), or its state is
   * busy with something else first; or no state of that diagram takes it at all.
   */
  private static String whyNot(DelegateExecution execution, CommandContext command, Xep xep, String message) {
    ProcessEngineServices engine = execution.getProcessEngineServices();
    String is = "%s (%s) is %s".formatted(xep.label(), xep.getType().label(), xep.getStatus());
    LifecycleStates.Taking taking = command.runWithoutAuthorization(() ->
        LifecycleStates.taking(engine, String.valueOf(xep.getNumber()), message));
    List<String> statuses = taking.statuses();
    if (statuses.isEmpty()) {
      // the form's diagram and the lifecycle's are out of step: only the one who deploys them can help
      String decision = command.runWithoutAuthorization(() ->
          engine.getRepositoryService().getProcessDefinition(execution.getProcessDefinitionId()).getName());
      return "%s's lifecycle does not take \"%s\" in any status: its diagram has no event for the message %s, so"
          .formatted(xep.label(), decision, message)
          + " this form and that diagram are out of step. Nothing was recorded; please tell the operator.";
    }
    List<String> types = taking.types();
    // both at once: a Historical XEP still Experimental is told that it must be Active too
    if (!types.isEmpty() && !types.contains(xep.getType().label()) || !statuses.contains(xep.getStatus().name())) {
      return is + ": this applies only to a " + (types.isEmpty() ? "" : LifecycleStates.either(types) + " ")
          + "XEP that is " + LifecycleStates.either(statuses);
    }
    // what it waits for instead, as an author whose new version is in review would ask (the
    // Registrar's task is the Editor's own errand, which the XEP does not wait for)
    List<String> open = command.runWithoutAuthorization(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(String.valueOf(xep.getNumber())).orderByTaskCreateTime().asc().list()).stream()
        .filter(task -> !task.getProcessDefinitionId().startsWith(StartNamespaceRegistration.PROCESS + ":"))
        .map(Task::getName).distinct().toList();
    return is + ", but is not waiting for this" + (open.isEmpty() ? "" : " now; it waits for: " + String.join("; ", open));
  }

  private Map<String, Object> passedOn(DelegateExecution execution) {
    Map<String, Object> fields = new HashMap<>(execution.getVariables());
    fields.keySet().removeAll(NOT_PASSED_ON);
    if (passOn != null) {
      fields.keySet().retainAll(Set.of(String.valueOf(passOn.getValue(execution)).split("\\s*,\\s*")));
    }
    return fields;
  }
}
