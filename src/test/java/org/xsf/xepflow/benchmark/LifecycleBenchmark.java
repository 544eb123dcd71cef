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

      // Warm-up, which also tells how many user tasks and timers one XEP's path has.
      long tasks = driver.userTasksSoFar();
      long timers = driver.timersFiredSoFar();
      driver.protoXepToFinal(Instant.now());
      tasks = driver.userTasksSoFar() - tasks;
      timers = driver.timersFiredSoFar() - timers;
      driver.deployBaseline(tasks, timers);
      driver.baseline();

      long statements = app.statements.count();
      long activities = driver.activitiesSoFar();
      app.statements.clearKinds();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        driver.protoXepToFinal(Instant.now());
      }
      double oursMs = (System.nanoTime() - start) / 1e6 / count;
      double oursStatements = (double) (app.statements.count() - statements) / count;
      double oursActivities = (double) (driver.activitiesSoFar() - activities) / count;
      app.statements.writeSlowest(Path.of("target", "benchmarks", "lifecycle-sql-" + db + ".md"),
          "Statements that took the most time while " + count + " XEPs went from ProtoXEP to Final (" + db + ")");

      statements = app.statements.count();
      activities = driver.activitiesSoFar();
      start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        driver.baseline();
      }
      double baseMs = (System.nanoTime() - start) / 1e6 / count;
      double baseStatements = (double) (app.statements.count() - statements) / count;
      double baseActivities = (double) (driver.activitiesSoFar() - activities) / count;

      String what = " per XEP, ProtoXEP to Final (" + count + " XEPs; " + tasks + " user tasks, " + timers + " timers)";
      results.add("time" + what, db, oursMs, baseMs, "ms", 1.5);
      results.add("SQL statements" + what, db, oursStatements, baseStatements, "", 1.5);
      results.add("BPMN activities executed" + what, db, oursActivities, baseActivities, "", 0);
    }
  }
}
