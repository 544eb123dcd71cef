package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaField;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.support.ProbeDiagram;
import org.xsf.xepflow.support.ProcessTestSupport;

/** A diagram's "Announce ..." step that lacks part of its message. */
class QueueAnnouncementTest extends ProcessTestSupport {
  private static final String PROBE = "announcement-without-recipient";

  @Test
  void anAnnouncementWithoutARecipientIsRefusedWithTheStepAndNothingIsWritten() {
    BpmnModelInstance diagram = ProbeDiagram.process(PROBE).startEvent()
        .sendTask("Task_AnnounceSomething").camundaDelegateExpression("${queueAnnouncement}").endEvent().done();
    SendTask step = diagram.getModelElementById("Task_AnnounceSomething");
    for (String name : List.of("subject", "text")) {
      CamundaField field = diagram.newInstance(CamundaField.class);
      field.setCamundaName(name);
      field.setCamundaStringValue("The " + name);
      step.builder().addExtensionElement(field);
    }
    try (ProbeDiagram probe = ProbeDiagram.deploy(processEngine, PROBE, diagram)) {
      long announcements = processEngine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(QueueAnnouncement.PROCESS).count();

      assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(PROBE))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("The announcement of Task_AnnounceSomething has no to");
      assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(QueueAnnouncement.PROCESS).count()).isEqualTo(announcements);
      assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROBE).count())
          .isZero();
    }
  }

  @Test
  void anAnnouncementOfAProcessListenerWithoutASubjectNamesItsProcess() {
    BpmnModelInstance diagram = ProbeDiagram.process(PROBE).startEvent().userTask("Task_Wait").endEvent().done();
    CamundaExecutionListener listener = diagram.newInstance(CamundaExecutionListener.class);
    listener.setCamundaEvent("end");
    listener.setCamundaDelegateExpression("${announceWhenCancelled}");
    for (String name : List.of("to", "text")) {
      CamundaField field = diagram.newInstance(CamundaField.class);
      field.setCamundaName(name);
      field.setCamundaStringValue("The " + name);
      listener.getCamundaFields().add(field);
    }
    Process process = diagram.getModelElementById(PROBE);
    process.builder().addExtensionElement(listener);
    try (ProbeDiagram probe = ProbeDiagram.deploy(processEngine, PROBE, diagram)) {
      String started = processEngine.getRuntimeService().startProcessInstanceByKey(PROBE).getId();

      assertThatThrownBy(() -> processEngine.getRuntimeService().deleteProcessInstance(started, "cut short"))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("The announcement of the process " + PROBE + " has no subject");
      assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started).count())
          .isOne();
      processEngine.getRuntimeService().deleteProcessInstance(started, "test over", true);
    }
  }
}
