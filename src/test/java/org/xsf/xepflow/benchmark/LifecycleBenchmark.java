package org.xsf.xepflow.benchmark;

import java.nio.file.Path;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue #7.1: XEPs from ProtoXEP to Final through the real diagrams, against a diagram with the
 * same user tasks and timers and no delegates, driven the same way in the same engine. The
 * statements are counted on one pair of lifecycles in {@value #COUNT_EVERY} (from the middle of the
 * first ten, not the coldest) and the time is that of the others, as production runs: without the
 * counting proxy's own work per statement. The statements the target is set on are the steps' own:
 * those of the driver's lookups (the tasks, jobs and called processes it looks for) are counted apart.
 */
final class LifecycleBenchmark {
  private static final int COUNT_EVERY = 10;
  private static final int TEMPLATES = 100;
  private final String db;
  private final int count;
  private final int prefilled;

  /**
   * @param prefilled lifecycles (each with its baseline) copied in SQL into the database before the
   *     measured ones, from {@value #TEMPLATES} driven through the engine (PostgreSQL only): the cost of
   *     the last XEPs of a long run, without driving all of them
   */
  LifecycleBenchmark(String db, int count, int prefilled) {
    if (count < COUNT_EVERY) {
      throw new IllegalArgumentException("At least " + COUNT_EVERY + " lifecycles: one of them counted, the rest timed");
    }
    if (prefilled > 0 && (!db.equals("postgres") || prefilled % TEMPLATES != 0)) {
      throw new IllegalArgumentException("Prefilled lifecycles are copied on PostgreSQL only, " + TEMPLATES + " at a time");
    }
    this.db = db;
    this.count = count;
    this.prefilled = prefilled;
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
      if (prefilled > 0) {
        prefill(app, driver, results);
      }
      app.analyze();

      // Ours and the baseline alternate, so that both run as warm a JIT and as full a database: one
      // after the other, the second ran on code the first had compiled (100 XEPs on H2: 5.9x).
      Cost ours = new Cost();
      Cost base = new Cost();
      Cost oursCounted = new Cost();
      Cost baseCounted = new Cost();
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
        boolean counted = i % COUNT_EVERY == COUNT_EVERY / 2;
        app.statements.counting(counted);
        app.statements.countAsBaseline(false);
        (counted ? oursCounted : ours).measure(app, () -> driver.protoXepToFinal(Instant.now()));
        app.statements.countAsBaseline(true);
        (counted ? baseCounted : base).measure(app, driver::baseline);
        if ((i + 1) % Math.max(1, count / 10) == 0) {
          progress(i + 1, ours, base);
        }
      }
      baseActivities = driver.baselineActivitiesSoFar() - baseActivities;
      activities = driver.activitiesSoFar() - activities - baseActivities;
      app.statements.writeSlowest(Path.of("target", "benchmarks", "lifecycle-sql-" + db + ".md"),
          "Statements, those that took the most time first, while " + oursCounted.runs + " of " + count + " XEPs went from ProtoXEP to Final ("
              + db + ")", oursCounted.runs);

      String what = " per XEP, ProtoXEP to Final (" + count + " XEPs" + (prefilled > 0 ? " after " + prefilled + " copied" : "")
          + "; " + tasks + " user tasks, " + timers + " timers, "
          + personSteps + " steps by a person)";
      results.add("time" + what, db, ours.millisPerRun(), base.millisPerRun(), "ms", 1.5);
      results.add("time of the steps, without the driver's lookups" + what, db, ours.stepMillisPerRun(),
          base.stepMillisPerRun(), "ms", 0);
      results.add("SQL statements of the steps" + what, db, oursCounted.statementsPerRun(false),
          baseCounted.statementsPerRun(false), "", 1.5);
      results.add("SQL statements with the driver's lookups" + what, db, oursCounted.statementsPerRun(true),
          baseCounted.statementsPerRun(true), "", 0);
      results.add("time with the statements counted" + what, db, oursCounted.millisPerRun(), baseCounted.millisPerRun(),
          "ms", 0);
      results.add("CPU time of this JVM (the app, its mail server, the driver)" + what, db, ours.cpu.jvmMillis() / ours.runs,
          base.cpu.jvmMillis() / base.runs, "ms", 0);
      results.add("CPU time of the rest of the machine (the database server, on PostgreSQL)" + what, db,
          ours.cpu.restOfMachineMillis() / ours.runs, base.cpu.restOfMachineMillis() / base.runs, "ms", 0);
      results.add("BPMN activities executed" + what, db, (double) activities / count, (double) baseActivities / count,
          "", 0);
    }
  }

  /** Templates of both kinds driven through the engine, then copied until the database holds the prefilled lifecycles. */
  private void prefill(BenchmarkApp app, LifecycleDriver driver, Results results) throws Exception {
    long start = System.nanoTime();
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
    long before = finalXeps(jdbc);
    try (LifecycleCopies copies = new LifecycleCopies(app.context.getEnvironment().getProperty("spring.datasource.url"))) {
      copies.markTemplatesFromHere();
      for (int i = 0; i < TEMPLATES; i++) {
        driver.protoXepToFinal(Instant.now());
        driver.baseline();
      }
      copies.copy(prefilled / TEMPLATES, System.out);
    }
    long added = finalXeps(jdbc) - before;
    if (added != prefilled) {
      throw new IllegalStateException(added + " Final XEPs added by copying, not " + prefilled);
    }
    results.add("setting up " + prefilled + " lifecycles and their baselines (" + TEMPLATES
        + " of each driven, copied in SQL)", db, (System.nanoTime() - start) / 1e9, "s", 0);
  }

  private static long finalXeps(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from xf_xep where status = 'Final'", Long.class);
  }

  /** A long run tells how far it is, and how the time per XEP moves as the database grows. */
  private void progress(int done, Cost ours, Cost base) {
    int last = ours.runs - ours.reported;
    System.out.printf("%s: %d of %d lifecycles, so far %.1f against %.1f ms per XEP (%.2fx)%s%n",
        db, done, count, ours.millisPerRun(), base.millisPerRun(), (double) ours.nanos / base.nanos,
        // the counted pair is not timed: a report right after it may have no timed pair to show
        last == 0 ? "" : "; the last %d timed: %s against %s".formatted(last, ours.sinceReport(), base.sinceReport()));
  }

  /** Time and statements summed over the runs of one side. */
  private static final class Cost {
    long nanos;
    long statements;
    long lookups;
    long lookupNanos;
    int runs;
    int reported;
    long nanosReported;
    long lookupNanosReported;
    CpuTime cpu = new CpuTime(0, 0);

    double millisPerRun() {
      return nanos / 1e6 / runs;
    }

    double stepMillisPerRun() {
      return (nanos - lookupNanos) / 1e6 / runs;
    }

    double statementsPerRun(boolean withLookups) {
      return (double) (withLookups ? statements : statements - lookups) / runs;
    }

    /** Milliseconds per XEP since the last report, which this one becomes, and how many of them were lookups. */
    String sinceReport() {
      int sinceRuns = runs - reported;
      String text = "%.1f ms (lookups %.1f)".formatted((nanos - nanosReported) / 1e6 / sinceRuns,
          (lookupNanos - lookupNanosReported) / 1e6 / sinceRuns);
      reported = runs;
      nanosReported = nanos;
      lookupNanosReported = lookupNanos;
      return text;
    }

    void measure(BenchmarkApp app, Run run) throws Exception {
      runs++;
      long statementsBefore = app.statements.count();
      long lookupsBefore = app.statements.lookups();
      long lookupNanosBefore = DriverLookups.nanos();
      CpuTime cpuBefore = CpuTime.now();
      long start = System.nanoTime();
      run.run();
      nanos += System.nanoTime() - start;
      cpu = cpu.plus(CpuTime.now().minus(cpuBefore));
      lookupNanos += DriverLookups.nanos() - lookupNanosBefore;
      statements += app.statements.count() - statementsBefore;
      lookups += app.statements.lookups() - lookupsBefore;
    }
  }

  private interface Run {
    void run() throws Exception;
  }
}
