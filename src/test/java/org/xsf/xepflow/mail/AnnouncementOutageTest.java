package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.extension.mail.config.JakartaMailProperties;
import org.camunda.bpm.extension.mail.service.MailServiceFactory;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The Standards list's mail server is down when an announcement is due, or its step is cancelled: nothing is lost. */
class AnnouncementOutageTest extends ProcessTestSupport {
  @Autowired
  MailSettings settings;
  @Autowired
  RuntimeService runtimeService;

  @Test
  void aFailedAnnouncementIsRetriedBecomesAnIncidentAndGoesOutOnceWhenRetried() throws MessagingException {
    ProcessInstance pi = protoXepFormatAccepted("author2", "inbox/data_policy.xml", "Standards Track");
    Job sending = announcementJob(pi.getId());
    String announcement = sending.getProcessInstanceId();
    try (MailOutage outage = MailOutage.begin(settings, mailConnector)) {
      // the procedure does not wait for the mail server: the Council's objection window is open
      assertThat(pi).isWaitingAt("Task_ConsiderObjection");

      failUntilIncident(sending.getId(), "Couldn't connect to host");

      assertThat(runtimeService.createIncidentQuery().processInstanceId(announcement).singleResult().getActivityId())
          .isEqualTo("Task_SendAnnouncement");
      assertThat(runtimeService.getVariable(announcement, "subject")).isEqualTo("ProtoXEP: Data Policy");
      assertThat(standardsList.messages()).isEmpty();
    }
    managementService.setJobRetries(sending.getId(), 1);
    runDueJobs(pi.getId());

    assertThat(subjects()).containsExactly("ProtoXEP: Data Policy");
    // the same for every attempt, so that a list can drop a repeat (a random one was drawn for each)
    assertThat(standardsList.messages().get(0).getMessageID()).matches("<" + announcement + "@[^>]+>");
    assertThat(JakartaMailProperties.get()).isEqualTo(mailConnector.sessionProperties());
    assertThat(MailServiceFactory.getInstance().get()).isInstanceOf(KeptSmtpConnections.class);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(announcement).count()).isZero();
    assertThat(announcementsBy(pi.getId())).isEmpty();
    // once sent, it is on the Standards list: the engine keeps no history of it, as an outbox forgets what it sent
    HistoryService history = processEngine.getHistoryService();
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(QueueAnnouncement.PROCESS).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(announcement).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(announcement).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(announcement).count()).isZero();
    assertThat(history.createHistoricJobLogQuery().processInstanceId(announcement).count()).isZero();
    assertThat(history.createHistoricIncidentQuery().processInstanceId(announcement).count()).isZero();
  }

  @Test
  void anAnnouncementGoesOutEvenWhenTheProcessThatWroteItIsCancelledFirst() {
    ProcessInstance pi = protoXepFormatAccepted("author2", "inbox/data_policy.xml", "Standards Track");

    // as an operator cancels it in Cockpit, or a state ends and takes its called processes with it
    runtimeService.deleteProcessInstance(pi.getId(), "cancelled by an operator");
    runDueJobs(pi.getId());

    assertThat(subjects()).containsExactly("ProtoXEP: Data Policy");
  }
}
