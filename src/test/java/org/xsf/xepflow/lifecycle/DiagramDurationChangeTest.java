package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.deployment.ProcessResourcesDeployer;
import org.xsf.xepflow.registry.XepStatus;

/** The procedure is the diagram: a changed period in bpmn/ changes what happens, no Java involved. */
class DiagramDurationChangeTest extends LifecycleTestSupport {
  @Autowired
  ProcessResourcesDeployer deployer;

  @Test
  void shorteningTheInactivityPeriodInTheDiagramDefersNewXepsSooner(@TempDir Path changed) throws Exception {
    Path bpmn = Files.createDirectory(changed.resolve("bpmn"));
    for (Path diagram : Files.newDirectoryStream(Path.of("bpmn"))) {
      Files.copy(diagram, bpmn.resolve(diagram.getFileName()));
    }
    Path lifecycleDiagram = bpmn.resolve("xep-lifecycle.bpmn");
    String original = Files.readString(lifecycleDiagram);
    // the period wherever the diagram names it: the timer, and the conditions on the reminder and the queue
    String edited = original.replace("'P12M'", "'P3M'").replace("'P11M'", "'P2M'");
    assertThat(edited).isNotEqualTo(original);
    Files.writeString(lifecycleDiagram, edited);
    int versionBefore = latestLifecycleVersion();

    try {
      new ProcessResourcesDeployer(bpmn, Path.of("forms")).deploy(repositoryService);
      assertThat(latestLifecycleVersion()).isEqualTo(versionBefore + 1);

      ProcessInstance lifecycle = accept("author2", "inbox/compatibility-fallback.xml", "Standards Track");
      advanceClock(Duration.ofDays(93));
      runAllDueJobs(lifecycle);

      assertStatus(lifecycle, XepStatus.Deferred);
    } finally {
      deployer.deploy(repositoryService);
    }
    assertThat(latestLifecycleVersion()).isEqualTo(versionBefore + 2);
  }

  private int latestLifecycleVersion() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("xep-lifecycle")
        .latestVersion().singleResult().getVersion();
  }
}
