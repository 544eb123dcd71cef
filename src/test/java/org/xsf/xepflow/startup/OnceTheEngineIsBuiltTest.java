package org.xsf.xepflow.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

/** Start-up work begun when the engine is built: the start waits for it, and fails with it. */
class OnceTheEngineIsBuiltTest {

  @Test
  void theWorkRunsOnAThreadOfItsOwnAndTheRunnerWaitsForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    OnceTheEngineIsBuilt work = new OnceTheEngineIsBuilt() {
      @Override
      protected void startWith(ProcessEngine engine) {
        thread.set(Thread.currentThread().getName());
        await(release);
      }
    };
    work.postProcessEngineBuild(null);
    Thread runner = new Thread(() -> work.run(null));
    runner.start();
    runner.join(200);
    assertThat(runner.isAlive()).as("the runner waits until the work is done").isTrue();

    release.countDown();
    runner.join(5000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(thread.get()).isNotEqualTo(Thread.currentThread().getName()).isNotEqualTo(runner.getName());
  }

  @Test
  void aFailureOfTheWorkFailsTheStart() {
    OnceTheEngineIsBuilt work = new OnceTheEngineIsBuilt() {
      @Override
      protected void startWith(ProcessEngine engine) {
        throw new IllegalStateException("No diagrams found in bpmn");
      }
    };
    work.postProcessEngineBuild(null);
    assertThatThrownBy(() -> work.run(null)).isInstanceOf(IllegalStateException.class)
        .hasMessage("No diagrams found in bpmn");
  }

  @Test
  void workThatIsNoPluginOfTheEngineFailsTheStartInsteadOfBeingSkipped() {
    OnceTheEngineIsBuilt work = new OnceTheEngineIsBuilt() {
      @Override
      protected void startWith(ProcessEngine engine) {
      }
    };
    assertThatThrownBy(() -> work.run(null)).hasMessageContaining("is not a plugin of the process engine");
  }

  @Test
  void aCheckedFailureIsReportedWithItsCause() {
    Background<String> value = Background.start("test", () -> {
      throw new java.io.IOException("xep.xsl not found");
    });
    assertThatThrownBy(value::get).isInstanceOf(IllegalStateException.class).hasMessage("xep.xsl not found")
        .hasCauseInstanceOf(java.io.IOException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
