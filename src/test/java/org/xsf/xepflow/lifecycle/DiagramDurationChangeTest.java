package org.xsf.xepflow.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsf.xepflow.registry.XepStatus;

/** The procedure is the diagram: a changed period in bpmn/ changes what happens, no Java involved. */
class DiagramDurationChangeTest extends LifecycleTestSupport {
  @Test
  void shorteningTheInactivityPeriodInTheDiagramDefersNewXepsSooner(@TempDir Path changed) throws Exception {
    // the period wherever the diagram names it: the timer, and the conditions on the reminder and the queue
    withLifecycleDiagramEdited(changed, diagram -> diagram.replace("'P12M'", "'P3M'").replace("'P11M'", "'P2M'"), () -> {
      ProcessInstance lifecycle = accept("author2", "inbox/compatibility-fallback.xml", "Standards Track");
      advanceClock(Duration.ofDays(93));
      runAllDueJobs(lifecycle);

      assertStatus(lifecycle, XepStatus.Deferred);
    });
  }
}
