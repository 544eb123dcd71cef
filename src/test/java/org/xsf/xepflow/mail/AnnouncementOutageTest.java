package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.extension.mail.service.MailServiceFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The Standards list's mail server is down when an announcement is due: nothing is lost. */
class AnnouncementOutageTest extends ProcessTestSupport {
  @Autowired
  MailSettings settings;

  @Test
  void aFailedAnnouncementIsRetriedBecomesAnIncidentAndGoesOutOnceWhenRetried() {
    ProcessInstance pi = protoXepFormatAccepted("author2", "inbox/data_policy.xml", "Standards Track");
    MailOutage.begin(settings);

    Job announcement = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
    failUntilIncident(announcement.getId(), "Couldn't connect to host");

    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult()
        .getActivityId()).isEqualTo("Task_AnnounceProtoXep");
    assertThat(pi).isWaitingAt("Task_AnnounceProtoXep");
    assertThat(standardsList.messages()).isEmpty();

    mailConnector.install();
    managementService.setJobRetries(announcement.getId(), 1);
    runDueJobs(pi.getId());

    assertThat(subjects()).containsExactly("ProtoXEP: Data Policy");
    assertThat(MailServiceFactory.getInstance().get()).isInstanceOf(KeptSmtpConnections.class);
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(pi).isWaitingAt("Task_ConsiderObjection");
  }
}
