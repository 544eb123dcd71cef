package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Map;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.mail.MailOutage;
import org.xsf.xepflow.mail.MailSettings;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * Failed-job incidents (FailedJobIncidents), with the announcement of a ProtoXEP as the job: opened
 * when its retries run out, removed with the job, and not looked for when a job that never ran out
 * of retries is deleted.
 */
class FailedJobIncidentsTest extends ProcessTestSupport {
  @Autowired
  MailSettings settings;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void anIncidentGoesWithItsJobWhenTheOperatorCancelsTheProcess() {
    ProcessInstance pi = protoXepAwaitingItsAnnouncement();
    MailOutage.begin(settings);
    Job announcement = announcementOf(pi);
    failUntilIncident(announcement.getId(), "Couldn't connect to host");
    String incident = processEngine.getRuntimeService().createIncidentQuery()
        .configuration(announcement.getId()).singleResult().getId();

    processEngine.getRuntimeService().deleteProcessInstance(pi.getId(), "cancelled by an operator");

    assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentId(incident).count()).isZero();
    HistoricIncident history = processEngine.getHistoryService().createHistoricIncidentQuery().incidentId(incident)
        .singleResult();
    assertThat(history.isDeleted()).isTrue();
  }

  /** H2's own statistics of the statements it ran (the postgres run has no such counter). */
  @Test
  void aJobWithRetriesLeftIsDeletedWithoutLookingForAnIncident() {
    assumeThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("h2");
    ProcessInstance pi = protoXepAwaitingItsAnnouncement();
    jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    try {
      long before = incidentLookups();
      runDueJobs(pi.getId());
      assertThat(subjects()).contains("ProtoXEP: Data Policy");
      assertThat(incidentLookups()).isEqualTo(before);

      ProcessInstance failing = protoXepAwaitingItsAnnouncement();
      MailOutage.begin(settings);
      failUntilIncident(announcementOf(failing).getId(), "Couldn't connect to host");
      processEngine.getRuntimeService().deleteProcessInstance(failing.getId(), "cancelled by an operator");
      assertThat(incidentLookups()).isEqualTo(before + 1);
    } finally {
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  private ProcessInstance protoXepAwaitingItsAnnouncement() {
    ProcessInstance pi = startForm("author2", "protoxep-submission", Map.of("xml", fixture("inbox/data_policy.xml")));
    complete("editor", pi.getId(), "Task_EditorFormatReview", Map.of("formatDecision", "accept", "xepType", "Standards Track"));
    return pi;
  }

  private Job announcementOf(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
  }

  private long incidentLookups() {
    return jdbc.queryForObject("select coalesce(sum(execution_count), 0) from information_schema.query_statistics"
        + " where regexp_replace(upper(sql_statement), '\\s+', ' ') like 'SELECT % FROM ACT_RU_INCIDENT I WHERE I.CONFIGURATION_ = ?'",
        Long.class);
  }
}
