package org.xsf.xepflow.benchmark;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue #7.3: Tasklist and REST queries with N XEP lifecycles, history included, in PostgreSQL.
 * Templates are driven through the real diagrams: 130 deferred after 12 months as Experimental (most
 * XEPs in the XSF's archive never advanced), 60 from ProtoXEP to Final and 10 waiting for the
 * Council's vote (each member has a task); then
 * {@link LifecycleCopies} copies their rows until the database holds N.
 */
final class ScaleBenchmark {
  private static final int DEFERRED = 130;
  private static final int FINAL = 60;
  private static final int OPEN_VOTES = 10;
  private final int count;

  ScaleBenchmark(int count) {
    this.count = count;
  }

  void run(Results results) throws Exception {
    try (BenchmarkApp app = new BenchmarkApp("postgres", "scale", false);
        LifecycleCopies copies = new LifecycleCopies(app.context.getEnvironment().getProperty("spring.datasource.url"))) {
      LifecycleDriver driver = new LifecycleDriver();
      app.context.getAutowireCapableBeanFactory().autowireBean(driver);
      copies.markTemplatesFromHere();
      long start = System.nanoTime();
      // Deferred first and open votes last: the driver runs every due job of the database.
      for (int i = 0; i < DEFERRED; i++) {
        driver.protoXepToDeferred();
      }
      for (int i = 0; i < FINAL; i++) {
        driver.protoXepToFinal();
      }
      for (int i = 0; i < OPEN_VOTES; i++) {
        driver.protoXepToOpenVote();
      }
      int templates = DEFERRED + FINAL + OPEN_VOTES;
      int times = (count + templates - 1) / templates;
      if (copies.copy(times, System.out) != templates) {
        throw new IllegalStateException("Expected " + templates + " template XEPs");
      }
      int xeps = times * templates;
      check(app, xeps, times);
      String scale = "%d XEP lifecycles: %d%% Deferred, %d%% Final, %d%% in a Council vote".formatted(xeps,
          100 * DEFERRED / templates, 100 * FINAL / templates, 100 * OPEN_VOTES / templates);
      results.add("setting up " + xeps + " XEP lifecycles (" + templates + " driven, copied in SQL)", "postgres",
          (System.nanoTime() - start) / 1e9, "s", 0);
      results.add("database size with " + xeps + " XEP lifecycles", "postgres",
          app.bean(JdbcTemplate.class)
              .queryForObject("select pg_database_size(current_database())", Long.class) / 1e9, "GB", 0);
      int aFinalXep = (times / 2) * templates + DEFERRED + FINAL / 2;
      new QueryLatency(app.context.getEnvironment().getProperty("local.server.port", Integer.class))
          .run(results, "postgres", app.bean(ProcessEngine.class), scale, "Final", aFinalXep);
    }
  }

  /** The copies are whole: every XEP with its lifecycle, the engine sees every open vote's tasks. */
  private static void check(BenchmarkApp app, int xeps, int times) {
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
    ProcessEngine engine = app.bean(ProcessEngine.class);
    long lifecycles = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .count() + engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .finished().count();
    long registered = jdbc.queryForObject("select count(distinct number) from xf_xep", Long.class);
    long votingTasks = engine.getTaskService().createTaskQuery().taskAssignee("council1").count();
    if (lifecycles != xeps || registered != xeps || votingTasks != (long) OPEN_VOTES * times) {
      throw new IllegalStateException("Copies incomplete: " + lifecycles + " lifecycles, " + registered
          + " XEPs registered, " + votingTasks + " voting tasks of council1, for " + xeps + " XEPs");
    }
  }
}
