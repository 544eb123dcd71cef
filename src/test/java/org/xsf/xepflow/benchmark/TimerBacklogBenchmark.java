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
 * of {@value #COUNTED} more.
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
      drain(List.of(app), count, "one node", results);
      fill(List.of(app), documents(count + 1, COUNTED), COUNTED, null);
      countStatements(app);
      drain(List.of(app), COUNTED, "one node, statements counted", results);
      app.analyze();
      new QueryLatency(app)
          .run(results, db, (count + COUNTED) + " XEPs with their history", "Deferred", 1 + count / 2);
      // what the backlog left on disk: on H2 what its compaction (H2FileCompaction) keeps the file to
      results.add("database on disk after the backlog and its queries (" + (count + COUNTED) + " XEPs)", db,
          app.databaseBytes() / (1024.0 * 1024), "MiB", 0);
    }
    if (db.equals("postgres") && twoNodes) {
      try (BenchmarkApp first = new BenchmarkApp(db, "backlog-nodes", true);
          BenchmarkApp second = first.secondNode("backlog-node-2")) {
        fill(List.of(first, second), backlog, count, null);
        drain(List.of(first, second), count, "two nodes", results);
      }
    }
  }

  /** Imports the backlog with every node's job executor stopped, so that all timers are due at once. */
  private void fill(List<BenchmarkApp> nodes, Path documents, int expected, Results results) {
    nodes.forEach(node -> {
      jobExecutor(node).shutdown();
      node.statements.counting(false);
    });
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

  /** From now on the node's statements are counted, and listed from here in the slowest statements. */
  private static void countStatements(BenchmarkApp node) {
    node.statements.counting(true);
    node.statements.clearKinds();
  }

  /**
   * Starts the job executors together and waits until all {@code due} XEPs are Deferred, then until
   * every job ran; with statements per deferral if the nodes count them.
   */
  private void drain(List<BenchmarkApp> nodes, int due, String where, Results results)
      throws InterruptedException, IOException {
    JdbcTemplate jdbc = nodes.get(0).bean(JdbcTemplate.class);
    ManagementService jobs = nodes.get(0).bean(ProcessEngine.class).getManagementService();
    long deferredBefore = deferrals(jdbc);
    long statements = nodes.stream().mapToLong(node -> node.statements.count()).sum();
    CpuTime cpu = CpuTime.now();
    long start = System.nanoTime();
    nodes.forEach(node -> jobExecutor(node).start());
    // Each look reads the registry's table past every row a deferral replaced: every 200 ms that
    // was 4.8 s of PostgreSQL's time in a drain of 10,000, taken from the drain it measures.
    long pollMillis = due >= 1_000 ? 1_000 : 200;
    waitUntil(() -> jdbc.queryForObject("select count(*) from xf_xep where status = 'Experimental'", Long.class) == 0,
        pollMillis);
    double deferredSeconds = (System.nanoTime() - start) / 1e9;
    waitUntil(() -> jobs.createJobQuery().executable().count() == 0, pollMillis);
    double doneSeconds = (System.nanoTime() - start) / 1e9;
    CpuTime used = CpuTime.now().minus(cpu);
    nodes.forEach(node -> jobExecutor(node).shutdown());
    statements = nodes.stream().mapToLong(node -> node.statements.count()).sum() - statements;

    long deferred = deferrals(jdbc) - deferredBefore;
    if (deferred != due) {
      throw new IllegalStateException(deferred + " deferrals for " + due + " XEPs: a timer fired twice or not at all");
    }
    String what = due + " due inactivity timers (Experimental XEPs)";
    results.add(what + ": until all Deferred, " + where, db, deferredSeconds, "s", due >= 10_000 ? 60 : 0);
    results.add(what + ": until announced and published, " + where, db, doneSeconds, "s", 0);
    if (statements > 0) {
      results.add("SQL statements per deferral (with its announcement), " + where, db, (double) statements / due, "", 0);
      nodes.get(0).statements.writeSlowest(Path.of("target", "benchmarks", "backlog-sql-" + db + ".md"),
          "Statements, those that took the most time first, while " + due + " due inactivity timers fired (" + db + ", " + where + ")",
          due);
    }
    results.add("CPU time per deferral of this JVM (the app, its mail server, the benchmark), " + where, db,
        used.jvmMillis() / due, "ms", 0);
    if (!Double.isNaN(used.restOfMachineMillis())) {
      results.add("CPU time per deferral of the rest of the machine (the database server, on PostgreSQL), " + where, db,
          used.restOfMachineMillis() / due, "ms", 0);
    }
    if (nodes.size() > 1) {
      // which node fired how many of the timers: each engine signs its job log entries
      String split = jdbc.queryForList("select hostname_, count(*) as fired from act_hi_job_log where job_state_ = 2"
          + " and act_id_ = 'Timer_Inactivity' group by hostname_ order by hostname_").stream()
          .map(row -> row.get("fired").toString()).collect(Collectors.joining(" + "));
      results.add("timers fired by each node (" + split + "), each exactly once", db, deferred, "", 0);
    }
  }

  private static JobExecutor jobExecutor(BenchmarkApp node) {
    return ((ProcessEngineConfigurationImpl) node.bean(ProcessEngine.class).getProcessEngineConfiguration()).getJobExecutor();
  }

  private static long deferrals(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from xf_status_change where to_status = 'Deferred'", Long.class);
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
