package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.mail.MailOutage;
import org.xsf.xepflow.mail.MailSettings;
import org.xsf.xepflow.support.H2Statements;
import org.xsf.xepflow.support.ProbeDiagram;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * Failed-job incidents (FailedJobIncidents): opened when a job's retries run out, resolved when it
 * succeeds, and not looked for when a job whose process has no incident is deleted.
 */
class FailedJobIncidentsTest extends ProcessTestSupport {
  private static final String INCIDENT_LOOKUP = "SELECT % FROM ACT_RU_INCIDENT I WHERE I.CONFIGURATION_ = ?";
  /** A step that fails until the variable "reachable" is set, then a task: its process goes on after the job. */
  private static final String PROBE = "failing-job-probe";
  @Autowired
  MailSettings settings;
  @Autowired
  JdbcTemplate jdbc;

  /**
   * An operator resets the retries of every failed job of a step at once, in Cockpit or through
   * engine-rest (one update of the job rows, which leaves their incidents as they are): the incident
   * goes when the job succeeds. Also when the operator started a second branch of the process beside
   * the failed job (process instance modification), which moves the job to a new execution and leaves
   * its incident where it was.
   */
  @ParameterizedTest(name = "second branch: {0}")
  @ValueSource(booleans = {false, true})
  void anIncidentIsResolvedWhenItsJobSucceedsAfterItsRetriesAreResetByJobDefinition(boolean secondBranch) {
    BpmnModelInstance diagram = ProbeDiagram.process(PROBE).startEvent()
        .serviceTask("Task_Probe").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R5/PT10M")
        .camundaExpression("${reachable}").userTask("Task_After").endEvent().done();
    try (ProbeDiagram probe = ProbeDiagram.deploy(processEngine, PROBE, diagram)) {
      ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(PROBE);
      Job failing = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
      failUntilIncident(failing.getId(), "reachable");
      String incident = processEngine.getRuntimeService().createIncidentQuery().configuration(failing.getId())
          .singleResult().getId();
      if (secondBranch) {
        processEngine.getRuntimeService().createProcessInstanceModification(pi.getId())
            .startBeforeActivity("Task_After").execute();
        assertThat(managementService.createJobQuery().jobId(failing.getId()).singleResult().getExecutionId())
            .isNotEqualTo(failing.getExecutionId());
      }

      managementService.setJobRetriesByJobDefinitionId(failing.getJobDefinitionId(), 1);
      assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentId(incident).count()).isOne();
      processEngine.getRuntimeService().setVariable(pi.getId(), "reachable", true);
      runDueJobs(pi.getId());

      assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentId(incident).count()).isZero();
      HistoricIncident history = processEngine.getHistoryService().createHistoricIncidentQuery().incidentId(incident)
          .singleResult();
      assertThat(history.isResolved()).isTrue();
    }
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
      Job job = announcementJob(failing.getId());
      try (MailOutage outage = MailOutage.begin(settings, mailConnector)) {
        failUntilIncident(job.getId(), "Couldn't connect to host");
      }
      managementService.setJobRetries(job.getId(), 1);
      runDueJobs(failing.getId());
      assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
      assertThat(statements.count(INCIDENT_LOOKUP)).isEqualTo(before + 1);
    }
  }

  private ProcessInstance protoXepAwaitingItsAnnouncement() {
    return protoXepFormatAccepted("author2", "inbox/data_policy.xml", "Standards Track");
  }
}
