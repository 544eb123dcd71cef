package org.xsf.xepflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.XepStatus;

/**
 * Drives XEPs through the real diagrams the way the process tests do (forms submitted through the
 * engine, clock moved for timers, jobs run in this thread), and the baseline diagram the same way.
 */
class LifecycleDriver extends LifecycleTestSupport {
  private static final Map<String, String> UNANIMOUS =
      Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1");
  private final Map<String, List<String>> groups = new HashMap<>();

  /**
   * Each person's groups read once, as Tasklist keeps them with the login: the baseline's tasks are
   * completed without a user, so a query per task for them was counted against ours alone.
   */
  @Override
  protected List<String> groupsOf(String user) {
    return groups.computeIfAbsent(user, super::groupsOf);
  }

  @Override
  protected boolean checksForms() {
    return false;
  }

  /**
   * A ProtoXEP submitted at the given time, accepted, through Last Call, vote, Draft, Call for
   * Experience and vote to Final about 205 days later.
   */
  void protoXepToFinal(Instant submitted) {
    ClockUtil.setCurrentTime(Date.from(submitted));
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    advanceClock(Duration.ofDays(190));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_IssueCallForExperience", Map.of("callIssued", true));
    runAllDueJobs(lifecycle);
    ProcessInstance call = called(lifecycle, "call-for-experience");
    advanceClock(Duration.ofDays(15));
    runAllDueJobs(lifecycle);
    recordImplementation(call, "Prosody", "MIT", true, true);
    recordImplementation(call, "ejabberd", "GPL-2.0", true, false);
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    expectStatus(lifecycle, XepStatus.Final);
  }

  /** A ProtoXEP accepted as Experimental at the given time and deferred by its inactivity timer 12 months later. */
  void protoXepToDeferred(Instant submitted) {
    ClockUtil.setCurrentTime(Date.from(submitted));
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    advanceClock(Duration.ofDays(366));
    runAllDueJobs(lifecycle);
    expectStatus(lifecycle, XepStatus.Deferred);
  }

  /** A ProtoXEP accepted, through Last Call, with the Council's vote open 14 days later: a task for each member. */
  void protoXepToOpenVote(Instant submitted) {
    ClockUtil.setCurrentTime(Date.from(submitted));
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    expectStatus(lifecycle, XepStatus.Proposed);
  }

  private void expectStatus(ProcessInstance lifecycle, XepStatus expected) {
    if (registryEntry(lifecycle).getStatus() != expected) {
      throw new IllegalStateException("XEP " + lifecycle.getBusinessKey() + " did not reach " + expected);
    }
  }

  /** Runs every due job, one at a time, as a job executor would: one query per job, not per process. */
  @Override
  protected void runAllDueJobs(ProcessInstance lifecycle) {
    runDueJobs(lifecycle.getId());
  }

  @Override
  protected void runDueJobs(String processInstanceId) {
    for (int round = 0; round < 1000; round++) {
      List<Job> due = managementService.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      managementService.executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("Jobs keep coming");
  }

  long userTasksSoFar() {
    return processEngine.getHistoryService().createHistoricTaskInstanceQuery().count();
  }

  /** Activity instances of every process (events, gateways, tasks, call activities...), from the history. */
  long activitiesSoFar() {
    return processEngine.getHistoryService().createHistoricActivityInstanceQuery().count();
  }

  long baselineActivitiesSoFar() {
    return processEngine.getHistoryService().createHistoricActivityInstanceQuery()
        .processDefinitionId(processEngine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey("baseline").latestVersion().singleResult().getId()).count();
  }

  long timersFiredSoFar() {
    return processEngine.getHistoryService().createHistoricJobLogQuery().successLog().list().stream()
        .filter(log -> log.getJobDefinitionType() != null && log.getJobDefinitionType().startsWith("timer")).count();
  }

  /** Deploys a diagram with the same number of user tasks and timers as the real path, and nothing else. */
  void deployBaseline(long userTasks, long timers) {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("baseline").startEvent();
    for (long i = 0; i < Math.max(userTasks, timers); i++) {
      if (i < userTasks) {
        flow = flow.userTask("Task_" + i).camundaCandidateGroups("editor");
      }
      if (i < timers) {
        flow = flow.intermediateCatchEvent("Timer_" + i).timerWithDuration("PT1H");
      }
    }
    BpmnModelInstance model = flow.endEvent().done();
    processEngine.getRepositoryService().createDeployment().addModelInstance("baseline.bpmn", model).deploy();
  }

  /** One instance of the baseline, its tasks completed and its timers fired as for the real path. */
  void baseline() {
    ClockUtil.reset();
    String id = processEngine.getRuntimeService().startProcessInstanceByKey("baseline").getId();
    var tasks = processEngine.getTaskService();
    while (processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() > 0) {
      var task = tasks.createTaskQuery().processInstanceId(id).singleResult();
      if (task != null) {
        tasks.complete(task.getId());
        continue;
      }
      advanceClock(Duration.ofHours(2));
      Job timer = managementService.createJobQuery().processInstanceId(id).executable().singleResult();
      managementService.executeJob(timer.getId());
    }
  }
}
