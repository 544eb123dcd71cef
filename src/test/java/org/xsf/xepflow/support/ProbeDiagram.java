package org.xsf.xepflow.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;

/**
 * A test's own diagram, deployed beside the real ones to reach an engine or delegate error they
 * cannot. Closing it (try-with-resources) deletes it with its processes, also when the test fails,
 * so the tests after it in the shared context never see it.
 */
public record ProbeDiagram(RepositoryService repository, String deployment) implements AutoCloseable {

  /** The start of a probe: kept briefly in the history and not startable in Tasklist. */
  public static ProcessBuilder process(String key) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).camundaStartableInTasklist(false);
  }

  public static ProbeDiagram deploy(ProcessEngine engine, String key, BpmnModelInstance diagram) {
    RepositoryService repository = engine.getRepositoryService();
    return new ProbeDiagram(repository,
        repository.createDeployment().addModelInstance(key + ".bpmn", diagram).deploy().getId());
  }

  @Override
  public void close() {
    repository.deleteDeployment(deployment, true);
  }
}
