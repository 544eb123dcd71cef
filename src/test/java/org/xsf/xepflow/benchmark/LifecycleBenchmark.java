package org.xsf.xepflow.benchmark;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Issue #7.1: XEPs from ProtoXEP to Final through the real diagrams, against a diagram with the
 * same user tasks and timers and no delegates, driven the same way in the same engine.
 */
final class LifecycleBenchmark {
  private final String db;
  private final int count;

  LifecycleBenchmark(String db, int count) {
    this.db = db;
    this.count = count;
  }

  void run(Results results) throws Exception {
    try (BenchmarkApp app = new BenchmarkApp(db, "lifecycle", false)) {
      LifecycleDriver driver = new LifecycleDriver();
      app.context.getAutowireCapableBeanFactory().autowireBean(driver);

      // Warm-up, which also tells how many user tasks, timers and steps of a person one XEP's path has.
      long tasks = driver.userTasksSoFar();
      long timers = driver.timersFiredSoFar();
      long personSteps = driver.personStepsSoFar();
      driver.protoXepToFinal(Instant.now());
      tasks = driver.userTasksSoFar() - tasks;
      timers = driver.timersFiredSoFar() - timers;
      personSteps = driver.personStepsSoFar() - personSteps;
      driver.deployBaseline(tasks, timers, personSteps);
      driver.baseline();
      app.analyze();

      // Ours and the baseline alternate, so that both run as warm a JIT and as full a database: one
      // after the other, the second ran on code the first had compiled (100 XEPs on H2: 5.9x).
      Cost ours = new Cost();
      Cost base = new Cost();
      app.statements.clearKinds();
      long activities = driver.activitiesSoFar();
      long baseActivities = driver.baselineActivitiesSoFar();
      int analyzedAt = 0;
      for (int i = 0; i < count; i++) {
        if (i >= analyzedAt + Math.max(50, analyzedAt / 10)) {
          // outside the time measured, as autovacuum would: it looks once a minute (about 50 of these
          // lifecycles) and analyzes a table once a tenth of its rows are new
          app.analyze();
          analyzedAt = i;
        }
        app.statements.countAsBaseline(false);
        ours.measure(app, () -> driver.protoXepToFinal(Instant.now()));
        app.statements.countAsBaseline(true);
        base.measure(app, driver::baseline);
        if ((i + 1) % Math.max(1, count / 10) == 0) {
          progress(i + 1, ours, base);
        }
      }
      baseActivities = driver.baselineActivitiesSoFar() - baseActivities;
      activities = driver.activitiesSoFar() - activities - baseActivities;
      app.statements.writeSlowest(Path.of("target", "benchmarks", "lifecycle-sql-" + db + ".md"),
          "Statements that took the most time while " + count + " XEPs went from ProtoXEP to Final (" + db + ")", count);

      String what = " per XEP, ProtoXEP to Final (" + count + " XEPs; " + tasks + " user tasks, " + timers + " timers, "
          + personSteps + " steps by a person)";
      results.add("time" + what, db, ours.nanos / 1e6 / count, base.nanos / 1e6 / count, "ms", 1.5);
      results.add("SQL statements" + what, db, (double) ours.statements / count, (double) base.statements / count, "", 1.5);
      results.add("BPMN activities executed" + what, db, (double) activities / count, (double) baseActivities / count,
          "", 0);
    }
  }

  /** A long run tells how far it is, and how the time per XEP moves as the database grows. */
  private void progress(int done, Cost ours, Cost base) {
    int last = done - ours.reported;
    System.out.printf("%s: %d of %d lifecycles, so far %.1f against %.1f ms per XEP (%.2fx), %.1f against %.1f statements;"
        + " the last %d: %.1f against %.1f ms%n", db, done, count, ours.nanos / 1e6 / done, base.nanos / 1e6 / done,
        (double) ours.nanos / base.nanos, (double) ours.statements / done, (double) base.statements / done,
        last, ours.sinceReport(done), base.sinceReport(done));
  }

  /** Time and statements summed over the runs of one side. */
  private static final class Cost {
    long nanos;
    long statements;
    int reported;
    long nanosReported;

    /** Milliseconds per XEP since the last report, which this one becomes. */
    double sinceReport(int done) {
      double ms = (nanos - nanosReported) / 1e6 / (done - reported);
      reported = done;
      nanosReported = nanos;
      return ms;
    }

    void measure(BenchmarkApp app, Run run) throws Exception {
      long statementsBefore = app.statements.count();
      long start = System.nanoTime();
      run.run();
      nanos += System.nanoTime() - start;
      statements += app.statements.count() - statementsBefore;
    }
  }

  private interface Run {
    void run() throws Exception;
  }
}
