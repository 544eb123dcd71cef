package org.xsf.xepflow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.archive.ArchiveImport;
import org.xsf.xepflow.archive.ImportReport;

/**
 * Issue #7.2: N Experimental XEPs last updated in 2024, imported with the job executor stopped, so
 * that all their 12-month inactivity timers are due; then the job executor, configured as for
 * production, runs until all are Deferred and announced, on one node and (PostgreSQL) on two nodes
 * sharing the database. Each XEP must be deferred exactly once. Timed without the statement counter,
 * which production does not have; the statements of a deferral are counted afterwards, on a backlog
 * of {@value #COUNTED} more. The one node's backlog is then compared with as many timers of a
 * minimal diagram ({@link BacklogBaseline}).
 */
final class TimerBacklogBenchmark {
  private static final int COUNTED = 200;
  private final String db;
  private final int count;
  private final boolean twoNodes;

  TimerBacklogBenchmark(String db, int count, boolean twoNodes) {
    this.db = db;
    this.count = count;
    this.twoNodes = twoNodes;
  }

  void run(Results results) throws Exception {
    Path backlog = documents(1, count);
    try (BenchmarkApp app = new BenchmarkApp(db, "backlog", true)) {
      fill(List.of(app), backlog, count, results);
      Drain ours = drain(List.of(app), count, inactivityTimers(app));
      report(List.of(app), ours, count, "one node", results);
      fill(List.of(app), documents(count + 1, COUNTED), COUNTED, null);
      countStatements(app);
      Drain oursCounted = drain(List.of(app), COUNTED, inactivityTimers(app));
      report(List.of(app), oursCounted, COUNTED, "one node, statements counted", results);
      app.analyze();
      new QueryLatency(app)
          .run(results, db, (count + COUNTED) + " XEPs with their history", "Deferred", 1 + count / 2);
      // what the backlog left on disk: on H2 what its compaction (H2FileCompaction) keeps the file to
      results.add("database on disk after the backlog and its queries (" + (count + COUNTED) + " XEPs)", db,
          app.databaseBytes() / (1024.0 * 1024), "MiB", 0);
      compareWithBaseline(app, ours, oursCounted, results);
    }
    if (db.equals("postgres") && twoNodes) {
      try (BenchmarkApp first = new BenchmarkApp(db, "backlog-nodes", true);
          BenchmarkApp second = first.secondNode("backlog-node-2")) {
        List<BenchmarkApp> nodes = List.of(first, second);
        fill(nodes, backlog, count, null);
        report(nodes, drain(nodes, count, inactivityTimers(first)), count, "two nodes", results);
      }
    }
  }

  /**
   * The same number of due timers of a minimal diagram, with as many jobs each (the timer, then an
   * asynchronous step as the announcement is) and nothing else, drained by the same job executor on
   * the same database after ours (so on a JIT the real backlog warmed): what of the time is the
   * engine's own for any timer, and what the procedure's.
   */
  private void compareWithBaseline(BenchmarkApp app, Drain ours, Drain oursCounted, Results results)
      throws InterruptedException {
    BacklogBaseline baseline = new BacklogBaseline(app.bean(ProcessEngine.class));
    fillBaseline(app, baseline, count);
    Drain base = drain(List.of(app), count, baseline);
    fillBaseline(app, baseline, COUNTED);
    countStatements(app);
    Drain baseCounted = drain(List.of(app), COUNTED, baseline);
    String what = count + " due timers, against as many of a minimal diagram (" + BacklogBaseline.DESCRIPTION + ")";
    results.add(what + ": until all past their timer, one node", db, ours.firedSeconds, base.firedSeconds, "s", 0);
    results.add(what + ": until every job ran, one node", db, ours.doneSeconds, base.doneSeconds, "s", 0);
    results.add("SQL statements per timer against the minimal diagram's, one node, " + COUNTED + " of each counted", db,
        (double) oursCounted.statements / COUNTED, (double) baseCounted.statements / COUNTED, "", 0);
    results.add("CPU time per timer of this JVM against the minimal diagram's, one node", db,
        ours.cpu.jvmMillis() / count, base.cpu.jvmMillis() / count, "ms", 0);
    if (db.equals("postgres")) {
      // on H2 the rest of the machine idles, and a ratio of its noise says nothing
      results.add("CPU time per timer of the database server against the minimal diagram's, one node", db,
          ours.cpu.restOfMachineMillis() / count, base.cpu.restOfMachineMillis() / count, "ms", 0);
    }
  }

  /** Starts the baseline's processes with the job executor stopped, so that all their timers are due at once. */
  private static void fillBaseline(BenchmarkApp app, BacklogBaseline baseline, int n) {
    stopJobExecutors(List.of(app));
    baseline.start(n);
    app.analyze();
  }

  /** Imports the backlog with every node's job executor stopped, so that all timers are due at once. */
  private void fill(List<BenchmarkApp> nodes, Path documents, int expected, Results results) {
    stopJobExecutors(nodes);
    long start = System.nanoTime();
    ImportReport report = nodes.get(0).bean(ArchiveImport.class).importFolder(documents);
    if (report.imported() != expected) {
      throw new IllegalStateException("Imported " + report.imported() + " of " + expected + ": " + report);
    }
    nodes.get(0).analyze();
    if (results != null) {
      results.add("import of " + expected + " XEPs (setting up the backlog)", db, (System.nanoTime() - start) / 1e9, "s", 0);
    }
  }

  /** Stops the nodes' job executors, and their statement counters until {@link #countStatements}. */
  private static void stopJobExecutors(List<BenchmarkApp> nodes) {
    nodes.forEach(node -> {
      jobExecutor(node).shutdown();
      node.statements.counting(false);
    });
  }

  /** From now on the node's statements are counted, and listed from here in the slowest statements. */
  private static void countStatements(BenchmarkApp node) {
    node.statements.counting(true);
    node.statements.clearKinds();
  }

  /** What a drain waits for: the real procedure's Experimental XEPs, or the baseline's processes. */
  interface DueTimers {
    /** Whether every timer has fired. */
    boolean allFired();

    /** How many have gone past their timer so far (the baseline's: and past its step); each must, exactly once. */
    long pastTheirTimer();
  }

  /** A drain's figures: until every timer fired, until every job ran, the CPU and statements on the way. */
  private record Drain(double firedSeconds, double doneSeconds, CpuTime cpu, long statements) {
  }

  private static DueTimers inactivityTimers(BenchmarkApp node) {
    JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
    return new DueTimers() {
      @Override
      public boolean allFired() {
        return jdbc.queryForObject("select count(*) from xf_xep where status = 'Experimental'", Long.class) == 0;
      }

      @Override
      public long pastTheirTimer() {
        return jdbc.queryForObject("select count(*) from xf_status_change where to_status = 'Deferred'", Long.class);
      }
    };
  }

  /**
   * Starts the job executors together and waits until all {@code due} timers fired, then until
   * every job ran; with the statements if the nodes count them.
   */
  private static Drain drain(List<BenchmarkApp> nodes, int due, DueTimers timers) throws InterruptedException {
    ManagementService jobs = nodes.get(0).bean(ProcessEngine.class).getManagementService();
    long passedBefore = timers.pastTheirTimer();
    long statements = nodes.stream().mapToLong(node -> node.statements.count()).sum();
    CpuTime cpu = CpuTime.now();
    long start = System.nanoTime();
    nodes.forEach(node -> jobExecutor(node).start());
    // Our look reads the registry's table past every row a deferral replaced: every 200 ms that
    // was 4.8 s of PostgreSQL's time in a drain of 10,000, taken from the drain it measures.
    long pollMillis = due >= 1_000 ? 1_000 : 200;
    waitUntil(timers::allFired, pollMillis);
    double firedSeconds = (System.nanoTime() - start) / 1e9;
    waitUntil(() -> jobs.createJobQuery().executable().count() == 0, pollMillis);
    double doneSeconds = (System.nanoTime() - start) / 1e9;
    CpuTime used = CpuTime.now().minus(cpu);
    nodes.forEach(node -> jobExecutor(node).shutdown());
    statements = nodes.stream().mapToLong(node -> node.statements.count()).sum() - statements;
    long passed = timers.pastTheirTimer() - passedBefore;
    if (passed != due) {
      throw new IllegalStateException(passed + " past their timer for " + due + ": a timer fired twice or not at all");
    }
    return new Drain(firedSeconds, doneSeconds, used, statements);
  }

  private void report(List<BenchmarkApp> nodes, Drain drain, int due, String where, Results results) throws IOException {
    String what = due + " due inactivity timers (Experimental XEPs)";
    results.add(what + ": until all Deferred, " + where, db, drain.firedSeconds, "s", due >= 10_000 ? 60 : 0);
    results.add(what + ": until announced and published, " + where, db, drain.doneSeconds, "s", 0);
    if (drain.statements > 0) {
      results.add("SQL statements per deferral (with its announcement), " + where, db, (double) drain.statements / due, "", 0);
      // the first node lists the slowest statements since they were counted
      nodes.get(0).statements.writeSlowest(Path.of("target", "benchmarks", "backlog-sql-" + db + ".md"),
          "Statements, those that took the most time first, while " + due + " due inactivity timers fired (" + db + ", " + where + ")",
          due);
    }
    results.add("CPU time per deferral of this JVM (the app, its mail server, the benchmark), " + where, db,
        drain.cpu.jvmMillis() / due, "ms", 0);
    if (!Double.isNaN(drain.cpu.restOfMachineMillis())) {
      results.add("CPU time per deferral of the rest of the machine (the database server, on PostgreSQL), " + where, db,
          drain.cpu.restOfMachineMillis() / due, "ms", 0);
    }
    if (nodes.size() > 1) {
      // which node fired how many of the timers: each engine signs its job log entries
      String split = nodes.get(0).bean(JdbcTemplate.class)
          .queryForList("select hostname_, count(*) as fired from act_hi_job_log where job_state_ = 2"
              + " and act_id_ = 'Timer_Inactivity' group by hostname_ order by hostname_").stream()
          .map(row -> row.get("fired").toString()).collect(Collectors.joining(" + "));
      results.add("timers fired by each node (" + split + "), each exactly once", db, due, "", 0);
    }
  }

  private static JobExecutor jobExecutor(BenchmarkApp node) {
    return ((ProcessEngineConfigurationImpl) node.bean(ProcessEngine.class).getProcessEngineConfiguration()).getJobExecutor();
  }

  /** {@code n} copies of a real Experimental XEP (last revision 2024) under the numbers from {@code first} on. */
  private Path documents(int first, int n) throws IOException {
    Path folder = Path.of("target", "benchmarks", "backlog-documents-" + first);
    Files.createDirectories(folder);
    String template;
    try (InputStream in = getClass().getResourceAsStream("/xeps/xep-0264.xml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (int number = first; number < first + n; number++) {
      String xep = template.replace("<number>0264</number>", "<number>%04d</number>".formatted(number));
      Files.writeString(folder.resolve("xep-%04d.xml".formatted(number)), xep);
    }
    return folder;
  }

  private static void waitUntil(java.util.function.BooleanSupplier done, long pollMillis) throws InterruptedException {
    long deadline = System.nanoTime() + 3_600_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Not done within an hour");
      }
      Thread.sleep(pollMillis);
    }
  }
}
