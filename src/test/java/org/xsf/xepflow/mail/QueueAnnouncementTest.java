package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.support.ProcessTestSupport;

/** A diagram's "Announce ..." step that lacks part of its message. */
class QueueAnnouncementTest extends ProcessTestSupport {
  private static final String PROBE = "announcement-without-recipient";

  @Test
  void anAnnouncementWithoutARecipientIsRefusedWithTheStepAndNothingIsWritten() {
    String diagram = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="https://xmpp.org/xepflow/test">
          <process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="Start" />
            <sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_AnnounceSomething" />
            <sendTask id="Task_AnnounceSomething" camunda:delegateExpression="${queueAnnouncement}">
              <extensionElements>
                <camunda:field name="subject"><camunda:expression>Subject</camunda:expression></camunda:field>
                <camunda:field name="text"><camunda:expression>Text</camunda:expression></camunda:field>
              </extensionElements>
            </sendTask>
            <sequenceFlow id="Flow_2" sourceRef="Task_AnnounceSomething" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """.formatted(PROBE);
    processEngine.getRepositoryService().createDeployment().addString(PROBE + ".bpmn", diagram).deploy();
    long announcements = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("announcement").count();

    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(PROBE))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("The announcement of Task_AnnounceSomething has no to");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("announcement")
        .count()).isEqualTo(announcements);
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROBE).count()).isZero();
  }
}
