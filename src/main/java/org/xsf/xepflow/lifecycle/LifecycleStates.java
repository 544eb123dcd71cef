package org.xsf.xepflow.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The states of a XEP's lifecycle as bpmn/xep-lifecycle.bpmn draws them: the sub-processes directly in
 * its process, each named by the status it holds, or by its statuses joined by " or " ("Final or
 * Active"). Read from the deployed diagram a XEP's lifecycle runs, so that a change to the diagram changes
 * what people are told; the engine keeps the parsed diagram in its deployment cache.
 */
public final class LifecycleStates {
  public static final String PROCESS = "xep-lifecycle";
  private static final Pattern TYPE_CONDITION = Pattern.compile("\\$\\{\\s*xepType\\s*==\\s*'([^']+)'\\s*}");

  private LifecycleStates() {
  }

  /**
   * Where the lifecycle can take a message: the statuses of the states that hold an event catching it,
   * or have one on their edge, in the diagram's order; and the XEP types it is for, where every such
   * event is reached only by flows whose condition names one (the conversion:
   * {@code ${xepType == 'Historical'}}), empty when it is for any type. No statuses: no state takes it,
   * the diagram and what sends the message are out of step (an Editor removed or renamed its event).
   */
  public record Taking(List<String> statuses, List<String> types) {
  }

  /**
   * Where the lifecycle of the XEP with this business key takes this message: in the diagram its running
   * instance runs (a changed diagram is a new version, which running instances do not take up), or in
   * the latest deployed once it has ended.
   */
  public static Taking taking(ProcessEngineServices engine, String businessKey, String message) {
    RepositoryService repository = engine.getRepositoryService();
    ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .processInstanceBusinessKey(businessKey).singleResult();
    BpmnModelInstance diagram = repository.getBpmnModelInstance(running != null ? running.getProcessDefinitionId()
        : repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).latestVersion().singleResult().getId());
    List<ModelElementInstance> events = catching(diagram, message);
    return new Taking(statuses(diagram.getModelElementById(PROCESS), events), types(events));
  }

  private static List<String> statuses(Process process, List<ModelElementInstance> events) {
    Set<ModelElementInstance> taking = events.stream().map(event -> outermost(event, process))
        .collect(Collectors.toSet());
    return process.getChildElementsByType(SubProcess.class).stream().filter(taking::contains)
        .flatMap(state -> Arrays.stream(state.getName().split(" or "))).toList();
  }

  private static List<String> types(List<ModelElementInstance> events) {
    List<String> types = new ArrayList<>();
    for (ModelElementInstance event : events) {
      Collection<SequenceFlow> incoming = event instanceof FlowNode node ? node.getIncoming() : List.of();
      List<String> named = incoming.stream().map(LifecycleStates::typeCondition).flatMap(Optional::stream).toList();
      if (incoming.isEmpty() || named.size() < incoming.size()) {
        return List.of();
      }
      named.stream().filter(type -> !types.contains(type)).forEach(types::add);
    }
    return types;
  }

  private static Optional<String> typeCondition(SequenceFlow flow) {
    Matcher type = TYPE_CONDITION.matcher(flow.getConditionExpression() == null ? ""
        : flow.getConditionExpression().getTextContent().trim());
    return type.matches() ? Optional.of(type.group(1)) : Optional.empty();
  }

  /** The events catching the message: held in a state, or on its edge. */
  private static List<ModelElementInstance> catching(BpmnModelInstance diagram, String message) {
    return diagram.getModelElementsByType(MessageEventDefinition.class).stream()
        .filter(event -> event.getMessage() != null && message.equals(event.getMessage().getName()))
        .map(ModelElementInstance::getParentElement).toList();
  }

  /** "A", "A or B", "A, B or C". */
  public static String either(List<String> statuses) {
    int last = statuses.size() - 1;
    return last == 0 ? statuses.get(0) : String.join(", ", statuses.subList(0, last)) + " or " + statuses.get(last);
  }

  /** What holds the event, or carries it on its edge, directly in the process: its state, if a sub-process. */
  private static ModelElementInstance outermost(ModelElementInstance event, Process process) {
    ModelElementInstance element = event instanceof BoundaryEvent edge ? edge.getAttachedTo() : event;
    while (element.getParentElement() != null && !element.getParentElement().equals(process)) {
      element = element.getParentElement();
    }
    return element;
  }
}
