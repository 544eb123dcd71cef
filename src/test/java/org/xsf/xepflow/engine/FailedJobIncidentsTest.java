package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.mail.MailOutage;
import org.xsf.xepflow.mail.MailSettings;
import org.xsf.xepflow.support.H2Statements;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * Failed-job incidents (FailedJobIncidents), with the announcement of a ProtoXEP as the job: opened
 * when its retries run out, resolved when it succeeds, and not looked for when a job whose process
 * has no incident is deleted.
 */
class FailedJobIncidentsTest extends ProcessTestSupport {
  private static final String INCIDENT_LOOKUP = "SELECT % FROM ACT_RU_INCIDENT I WHERE I.CONFIGURATION_ = ?";
  @Autowired
  MailSettings settings;
  @Autowired
  JdbcTemplate jdbc;

  /**
   * An operator resets the retries of every failed announcement at once, in Cockpit or through
   * engine-rest (one update of the job rows, which leaves their incidents as they are): the incident
   * goes when the job succeeds. Also when the operator started a second branch of the process beside
   * the failed job (process instance modification), which moves the job to a new execution and leaves
   * its incident where it was.
   */
  @ParameterizedTest(name = "second branch: {0}")
  @ValueSource(booleans = {false, true})
  void anIncidentIsResolvedWhenItsJobSucceedsAfterItsRetriesAreResetByJobDefinition(boolean secondBranch) {
    ProcessInstance pi = protoXepAwaitingItsAnnouncement();
    MailOutage.begin(settings);
    Job announcement = announcementOf(pi);
    failUntilIncident(announcement.getId(), "Couldn't connect to host");
    String incident = processEngine.getRuntimeService().createIncidentQuery().configuration(announcement.getId())
        .singleResult().getId();
    if (secondBranch) {
      // the operator sends it once more beside the failed one
      processEngine.getRuntimeService().createProcessInstanceModification(announcement.getProcessInstanceId())
          .startBeforeActivity("Task_SendAnnouncement").execute();
      assertThat(managementService.createJobQuery().jobId(announcement.getId()).singleResult().getExecutionId())
          .isNotEqualTo(announcement.getExecutionId());
    }

    managementService.setJobRetriesByJobDefinitionId(announcement.getJobDefinitionId(), 1);
    assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentId(incident).count()).isOne();
    mailConnector.install();
    runDueJobs(pi.getId());

    assertThat(subjects()).contains("ProtoXEP: Data Policy");
    assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentId(incident).count()).isZero();
    HistoricIncident history = processEngine.getHistoryService().createHistoricIncidentQuery().incidentId(incident)
        .singleResult();
    assertThat(history.isResolved()).isTrue();
  }

  @Test
  void aJobWhoseProcessHasNoIncidentIsDeletedWithoutLookingForOne() {
    try (H2Statements statements = H2Statements.counting(processEngine, jdbc)) {
      ProcessInstance pi = protoXepAwaitingItsAnnouncement();
      long before = statements.count(INCIDENT_LOOKUP);
      runDueJobs(pi.getId());
      assertThat(subjects()).contains("ProtoXEP: Data Policy");
      assertThat(statements.count(INCIDENT_LOOKUP)).isEqualTo(before);

      // one that has an incident is looked for, once, when its retries are set again
      ProcessInstance failing = protoXepAwaitingItsAnnouncement();
      MailOutage.begin(settings);
      Job job = announcementOf(failing);
      failUntilIncident(job.getId(), "Couldn't connect to host");
      managementService.setJobRetries(job.getId(), 1);
      mailConnector.install();
      runDueJobs(failing.getId());
      assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
      assertThat(statements.count(INCIDENT_LOOKUP)).isEqualTo(before + 1);
    }
  }

  private ProcessInstance protoXepAwaitingItsAnnouncement() {
    return protoXepFormatAccepted("author2", "inbox/data_policy.xml", "Standards Track");
  }

  private Job announcementOf(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(announcementsBy(pi.getId()).get(0)).singleResult();
  }
}
