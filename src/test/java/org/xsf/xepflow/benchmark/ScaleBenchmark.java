package org.xsf.xepflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue #7.3: Tasklist and REST queries with N XEP lifecycles, history included, in PostgreSQL.
 * Templates are driven through the real diagrams, 130 deferred after 12 months as Experimental (most
 * XEPs in the XSF's archive never advanced) and 60 from ProtoXEP to Final, and {@link LifecycleCopies}
 * copies their rows until the database holds N; then 10 more go through Last Call into an open
 * Council vote, a task for each member: history grows with the years, the votes open at one time
 * do not. Dated in the order of a registry's history: deferrals a year ago, Final XEPs some months
 * ago, the open votes this week.
 */
final class ScaleBenchmark {
  private static final int DEFERRED = 130;
  private static final int FINAL = 60;
  private static final int OPEN_VOTES = 10;
  private static final int TEMPLATES = DEFERRED + FINAL;
  private final int times;
  private final int xeps;
  private final boolean keep;

  /**
   * @param keep measure on the database an earlier run built for as many lifecycles, if there is one
   */
  ScaleBenchmark(int count, boolean keep) {
    this.times = (count - OPEN_VOTES + TEMPLATES - 1) / TEMPLATES;
    this.xeps = times * TEMPLATES + OPEN_VOTES;
    this.keep = keep;
  }

  void run(Results results) throws Exception {
    try (BenchmarkApp app = keep && built() ? BenchmarkApp.onExistingDatabase("scale") : build(results)) {
      check(app);
      results.add("database size with " + xeps + " XEP lifecycles", "postgres", app.bean(JdbcTemplate.class)
          .queryForObject("select pg_database_size(current_database())", Long.class) / 1e9, "GB", 0);
      String scale = "%d XEP lifecycles: %d%% Deferred, %d%% Final, %d in a Council vote".formatted(xeps,
          Math.round(100.0 * DEFERRED / TEMPLATES), Math.round(100.0 * FINAL / TEMPLATES), OPEN_VOTES);
      int aFinalXep = (times / 2) * TEMPLATES + DEFERRED + FINAL / 2;
      new QueryLatency(app)
          .run(results, "postgres", scale, "Final", aFinalXep);
    }
  }

  private BenchmarkApp build(Results results) throws Exception {
    BenchmarkApp app = new BenchmarkApp("postgres", "scale", false);
    try (LifecycleCopies copies = new LifecycleCopies(app.context.getEnvironment().getProperty("spring.datasource.url"))) {
      LifecycleDriver driver = new LifecycleDriver();
      app.context.getAutowireCapableBeanFactory().autowireBean(driver);
      copies.markTemplatesFromHere();
      long start = System.nanoTime();
      // The driver runs every due job of the database: deferrals first, open votes last.
      Instant now = Instant.now();
      for (int i = 0; i < DEFERRED; i++) {
        driver.protoXepToDeferred(now.minus(Duration.ofDays(730).minusHours(i)));
      }
      for (int i = 0; i < FINAL; i++) {
        driver.protoXepToFinal(now.minus(Duration.ofDays(300).minusHours(i)));
      }
      // as the XSF's Editor does; left open, 100,000 lifecycles had 31,620 in the Editor's list
      driver.registerWaitingNamespaces();
      if (copies.copy(times, System.out) != TEMPLATES) {
        throw new IllegalStateException("Expected " + TEMPLATES + " template XEPs");
      }
      for (int i = 0; i < OPEN_VOTES; i++) {
        driver.protoXepToOpenVote(now.minus(Duration.ofDays(20).minusHours(i)));
      }
      ClockUtil.reset();
      results.add("setting up " + xeps + " XEP lifecycles (" + TEMPLATES + " driven and copied in SQL, " + OPEN_VOTES
          + " driven into a vote)", "postgres",
          (System.nanoTime() - start) / 1e9, "s", 0);
      return app;
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
  }

  /** Whether the scale database holds this many XEPs (from an earlier run). */
  private boolean built() {
    try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/xepflow_bench_scale", "postgres", "");
        var rows = db.createStatement().executeQuery("select count(*) from xf_xep")) {
      return rows.next() && rows.getLong(1) == xeps;
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** The copies are whole: every XEP has its lifecycle and the engine sees it; each open vote has its tasks. */
  private void check(BenchmarkApp app) {
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
    ProcessEngine engine = app.bean(ProcessEngine.class);
    long lifecycles = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .count() + engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .finished().count();
    long registered = jdbc.queryForObject("select count(distinct number) from xf_xep", Long.class);
    long votingTasks = engine.getTaskService().createTaskQuery().taskAssignee("council1").count();
    if (lifecycles != xeps || registered != xeps || votingTasks != OPEN_VOTES) {
      throw new IllegalStateException("Copies incomplete: " + lifecycles + " lifecycles, " + registered
          + " XEPs registered, " + votingTasks + " voting tasks of council1, for " + xeps + " XEPs");
    }
  }
}
