package org.xsf.xepflow.lifecycle;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The states of a XEP's lifecycle as bpmn/xep-lifecycle.bpmn draws them: the sub-processes directly in
 * its process, each named by the status it holds, or by its statuses joined by " or " ("Final or
 * Active"). Read from the latest deployed diagram, so that a change to the diagram changes what people
 * are told; the engine keeps the parsed diagram in its deployment cache.
 */
public final class LifecycleStates {
  public static final String PROCESS = "xep-lifecycle";

  private LifecycleStates() {
  }

  /**
   * The statuses in which the lifecycle can take this message: those of the states that hold an
   * event catching it, or have one on their edge, in the diagram's order.
   */
  public static List<String> taking(RepositoryService repository, String message) {
    String latest = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).latestVersion()
        .singleResult().getId();
    BpmnModelInstance diagram = repository.getBpmnModelInstance(latest);
    Process process = diagram.getModelElementById(PROCESS);
    Set<ModelElementInstance> taking = diagram.getModelElementsByType(MessageEventDefinition.class).stream()
        .filter(event -> event.getMessage() != null && message.equals(event.getMessage().getName()))
        .map(event -> outermost(event.getParentElement(), process)).collect(Collectors.toSet());
    List<String> statuses = process.getChildElementsByType(SubProcess.class).stream().filter(taking::contains)
        .flatMap(state -> Arrays.stream(state.getName().split(" or "))).toList();
    if (statuses.isEmpty()) {
      throw new IllegalStateException("The XEP lifecycle takes the message " + message + " in none of its states");
    }
    return statuses;
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
