package org.xsf.xepflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.xsf.xepflow.identity.XsfGroups;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.XepStatus;

/**
 * Drives XEPs through the real diagrams the way the process tests do (forms submitted through the
 * engine, clock moved for timers, jobs run in this thread), and the baseline diagram the same way.
 */
class LifecycleDriver extends LifecycleTestSupport {
  private static final Map<String, String> UNANIMOUS =
      Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1");
  private static final String BASELINE = "baseline";
  /** The demo Editor's login. */
  private static final String EDITOR_LOGIN = "editor";
  private final Map<String, List<String>> groups = new HashMap<>();
  private String baselineDefinition;
  private long baselinePersonSteps;
  private long personSteps;

  /** Each person's groups read once, as Tasklist keeps them with the login. */
  @Override
  protected List<String> groupsOf(String user) {
    return groups.computeIfAbsent(user, super::groupsOf);
  }

  /** Counts the steps taken by a logged-in person: forms submitted, as in Tasklist. */
  @Override
  protected <T> T as(String user, Supplier<T> action) {
    personSteps++;
    return super.as(user, action);
  }

  long personStepsSoFar() {
    return personSteps;
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
    ProcessInstance call = twoImplementationsPresented(lifecycle);
    proposeForFinal(call, "1.0");
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    expectStatus(lifecycle, XepStatus.Final);
  }

  /**
   * The Editor registers with the XMPP Registrar the protocol namespaces found in each XEP waiting for it, as
   * read from its document: the registrations of XEPs that advanced stay open until the Editor does.
   */
  void registerWaitingNamespaces() {
    for (Task task : processEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_RegisterNamespaces").list()) {
      complete(EDITOR_LOGIN, task.getProcessInstanceId(), "Task_RegisterNamespaces", Map.of("registeredNamespaces",
          processEngine.getTaskService().getVariable(task.getId(), "registeredNamespaces")));
    }
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
    if (DriverLookups.lookup(() -> registryEntry(lifecycle)).getStatus() != expected) {
      throw new IllegalStateException("XEP " + lifecycle.getBusinessKey() + " did not reach " + expected);
    }
  }

  /**
   * The vote open in a lifecycle, found by the lifecycle as its root in one query, where the tests'
   * search asks for each process and its called ones level by level. On H2 each such query still
   * reads every process instance (H2 takes the index on PARENT_ID_ for "parent is null"), so the
   * driver's lookups still grow with the database, more slowly.
   */
  @Override
  protected String openVote(String lifecycleId) {
    ProcessInstance vote = runtimeService.createProcessInstanceQuery().rootProcessInstanceId(lifecycleId)
        .processDefinitionKey("council-vote").singleResult();
    return vote == null ? null : vote.getId();
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
            .processDefinitionKey(BASELINE).latestVersion().singleResult().getId()).count();
  }

  long timersFiredSoFar() {
    return processEngine.getHistoryService().createHistoricJobLogQuery().successLog().list().stream()
        .filter(log -> log.getJobDefinitionType() != null && log.getJobDefinitionType().startsWith("timer")).count();
  }

  /**
   * Deploys a diagram with the same number of user tasks and timers as the real path, and nothing
   * else, for the Editor's group to start and work on, as many of its steps taken by a person as
   * the real path's.
   */
  void deployBaseline(long userTasks, long timers, long stepsByPerson) {
    baselinePersonSteps = stepsByPerson;
    // a start form, as a person starts a process only from one (FormFieldsOnly); it asks for nothing
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(BASELINE).startEvent()
        .camundaFormRef(BASELINE).camundaFormRefBinding("latest");
    for (long i = 0; i < Math.max(userTasks, timers); i++) {
      if (i < userTasks) {
        flow = flow.userTask("Task_" + i).camundaCandidateGroups(XsfGroups.EDITOR);
      }
      if (i < timers) {
        flow = flow.intermediateCatchEvent("Timer_" + i).timerWithDuration("PT1H");
      }
    }
    BpmnModelInstance model = flow.endEvent().done();
    baselineDefinition = processEngine.getRepositoryService().createDeployment()
        .addModelInstance(BASELINE + ".bpmn", model)
        .addString(BASELINE + ".form", "{\"id\": \"" + BASELINE + "\", \"type\": \"default\", \"components\": []}")
        .deployWithResult().getDeployedProcessDefinitions().get(0).getId();
    Authorization start = processEngine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    start.setGroupId(XsfGroups.EDITOR);
    start.setResource(Resources.PROCESS_DEFINITION);
    start.setResourceId(BASELINE);
    start.addPermission(Permissions.CREATE_INSTANCE);
    processEngine.getAuthorizationService().saveAuthorization(start);
  }

  /**
   * One instance of the baseline, its timers fired as for the real path. The Editor starts it and
   * completes its first tasks through their forms, as many steps as people take on the real path
   * (the others, as the real path's tasks that end without anyone, are completed with no one
   * logged in): what the engine does for a person (permission checks, the operation log) is the
   * bare engine's cost, not the procedure's.
   */
  void baseline() {
    ClockUtil.reset();
    var forms = processEngine.getFormService();
    long steps = baselinePersonSteps;
    String id = steps-- > 0
        ? as(EDITOR_LOGIN, () -> forms.submitStartForm(baselineDefinition, Map.of())).getId()
        : processEngine.getRuntimeService().startProcessInstanceById(baselineDefinition).getId();
    var tasks = processEngine.getTaskService();
    // it waits only at its tasks and timers: with neither it has ended (a process instance query
    // instead searched every process on H2, most of the baseline's time at 6,000 XEPs)
    while (true) {
      var task = tasks.createTaskQuery().processInstanceId(id).singleResult();
      if (task != null) {
        if (steps-- > 0) {
          as(EDITOR_LOGIN, () -> forms.submitTaskForm(task.getId(), Map.of()));
        } else {
          tasks.complete(task.getId());
        }
        continue;
      }
      Job timer = managementService.createJobQuery().processInstanceId(id).singleResult();
      if (timer == null) {
        return;
      }
      advanceClock(Duration.ofHours(2));
      managementService.executeJob(timer.getId());
    }
  }
}
