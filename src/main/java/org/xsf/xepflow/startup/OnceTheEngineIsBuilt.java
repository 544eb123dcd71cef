package org.xsf.xepflow.startup;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Start-up work on the engine that needs nothing Spring creates after it (the diagrams' deployment,
 * the demo people): it begins on a thread of its own as soon as the engine is built, while the main
 * thread creates the remaining beans (web, security, JPA repositories), instead of after all of them.
 * The application is still ready only once it is done: the runner waits for it, and its failure fails
 * the start.
 */
public abstract class OnceTheEngineIsBuilt extends AbstractProcessEnginePlugin implements ApplicationRunner {
  private volatile Background<Void> work;

  /** The work, through the engine's own services: their Spring beans may not exist yet. */
  protected abstract void startWith(ProcessEngine engine);

  @Override
  public final void postProcessEngineBuild(ProcessEngine engine) {
    work = Background.start(getClass().getSimpleName(), () -> {
      startWith(engine);
      return null;
    });
  }

  @Override
  public final void run(ApplicationArguments args) {
    if (work == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " is not a plugin of the process engine");
    }
    work.get();
  }
}
