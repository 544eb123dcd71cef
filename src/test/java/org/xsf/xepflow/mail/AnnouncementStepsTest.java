package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConnector;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaField;
import org.junit.jupiter.api.Test;

/**
 * Read from bpmn/: every mail goes through the announcement outbox. A mail task in another diagram
 * would be cancelled with its process, and its mail lost.
 */
class AnnouncementStepsTest {

  @Test
  void onlyTheAnnouncementProcessSendsMailAndEveryOtherSendTaskWritesAnAnnouncement() throws IOException {
    List<String> senders = new ArrayList<>();
    List<SendTask> steps = new ArrayList<>();
    try (Stream<Path> diagrams = Files.list(Path.of("bpmn"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        String process = model.getModelElementsByType(Process.class).iterator().next().getId();
        model.getModelElementsByType(CamundaConnector.class).stream()
            .filter(connector -> "mail-send".equals(connector.getCamundaConnectorId().getTextContent()))
            .forEach(connector -> senders.add(process));
        if (!process.equals(QueueAnnouncement.PROCESS)) {
          steps.addAll(model.getModelElementsByType(SendTask.class));
        }
      }
    }

    assertThat(senders).containsExactly(QueueAnnouncement.PROCESS);
    assertThat(steps).hasSizeGreaterThanOrEqualTo(10).allSatisfy(step -> {
      assertThat(step.getCamundaDelegateExpression()).as(step.getId()).isEqualTo("${queueAnnouncement}");
      assertThat(step.getExtensionElements().getElementsQuery().filterByType(CamundaField.class).list())
          .as(step.getId()).extracting(CamundaField::getCamundaName).containsExactlyInAnyOrder("to", "subject", "text");
    });
  }
}
