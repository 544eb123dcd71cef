package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The Standards list's mail server is down when an announcement is due: nothing is lost. */
class AnnouncementOutageTest extends ProcessTestSupport {
  @Autowired
  MailSettings settings;

  @Test
  void aFailedAnnouncementIsRetriedBecomesAnIncidentAndGoesOutOnceWhenRetried() throws IOException {
    String definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("protoxep-submission").latestVersion().singleResult().getId();
    ProcessInstance pi = as("author2", () -> processEngine.getFormService()
        .submitStartForm(definition, Map.of("xml", fixture("inbox/data_policy.xml"))));
    complete("editor", pi.getId(), "Task_EditorFormatReview", Map.of("formatDecision", "accept", "xepType", "Standards Track"));
    new MailConnector(settings, closedPort()).install();

    Job announcement = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(announcement.getId()))
          .hasMessageContaining("Couldn't connect to host");
      advanceClock(Duration.ofMinutes(11));
    }

    Job failed = managementService.createJobQuery().jobId(announcement.getId()).singleResult();
    assertThat(failed.getRetries()).isZero();
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult()
        .getActivityId()).isEqualTo("Task_AnnounceProtoXep");
    assertThat(pi).isWaitingAt("Task_AnnounceProtoXep");
    assertThat(standardsList.messages()).isEmpty();

    mailConnector.install();
    managementService.setJobRetries(announcement.getId(), 1);
    runDueJobs(pi.getId());

    assertThat(subjects()).containsExactly("ProtoXEP: Data Policy");
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(pi).isWaitingAt("Task_ConsiderObjection");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
