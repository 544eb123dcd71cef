package org.xsf.xepflow.benchmark;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The timer backlog's baseline: processes of a minimal diagram, each waiting at a timer that is
 * due, then at an asynchronous step, then at a receive task, with no delegate, listener or variable:
 * the engine's own work for a due timer. The step is a job of its own that the job executor acquires,
 * as a deferral's announcement (a process of its own) is: not exclusive, or the engine would run it
 * right after its timer, in the same thread, without acquiring it. (Not being exclusive also spares
 * its acquisition the check for exclusive jobs in progress, which the announcement's pays.)
 */
final class BacklogBaseline implements TimerBacklogBenchmark.DueTimers {
  static final String DESCRIPTION = "a due timer, then an asynchronous step, then a wait";
  private static final String KEY = "backlogBaseline";
  private static final String WAITING = "Task_Waiting";
  private final ProcessEngine engine;

  BacklogBaseline(ProcessEngine engine) {
    this.engine = engine;
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).startEvent()
        .intermediateCatchEvent("Timer_Due").timerWithDate("2024-01-01T00:00:00")
        .intermediateThrowEvent("Event_Continued").camundaAsyncBefore().camundaExclusive(false)
        .receiveTask(WAITING)
        .endEvent().done();
    engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", model).deploy();
  }

  /** Starts {@code n} processes, each one waiting at its due timer. */
  void start(int n) {
    for (int i = 0; i < n; i++) {
      engine.getRuntimeService().startProcessInstanceByKey(KEY);
    }
  }

  @Override
  public boolean allFired() {
    return engine.getManagementService().createJobQuery().processDefinitionKey(KEY).timers().count() == 0;
  }

  @Override
  public long pastTheirTimer() {
    return engine.getRuntimeService().createExecutionQuery().processDefinitionKey(KEY).activityId(WAITING).count();
  }
}
