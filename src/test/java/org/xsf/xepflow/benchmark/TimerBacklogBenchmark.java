package org.xsf.xepflow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * production, runs until all are Deferred and announced. Each XEP must be deferred exactly once.
 */
final class TimerBacklogBenchmark {
  private final String db;
  private final int count;

  TimerBacklogBenchmark(String db, int count) {
    this.db = db;
    this.count = count;
  }

  void run(Results results) throws Exception {
    Path documents = documents();
    try (BenchmarkApp app = new BenchmarkApp(db, "backlog", true)) {
      ProcessEngine engine = app.bean(ProcessEngine.class);
      JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
      jobExecutor.shutdown();
      long start = System.nanoTime();
      ImportReport report = app.bean(ArchiveImport.class).importFolder(documents);
      double importSeconds = (System.nanoTime() - start) / 1e9;
      if (report.imported() != count) {
        throw new IllegalStateException("Imported " + report.imported() + " of " + count + ": " + report);
      }
      JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
      ManagementService jobs = engine.getManagementService();

      start = System.nanoTime();
      jobExecutor.start();
      waitUntil(() -> jdbc.queryForObject("select count(*) from xf_xep where status = 'Experimental'", Long.class) == 0);
      double deferredSeconds = (System.nanoTime() - start) / 1e9;
      waitUntil(() -> jobs.createJobQuery().executable().count() == 0);
      double doneSeconds = (System.nanoTime() - start) / 1e9;
      jobExecutor.shutdown();

      long deferrals = jdbc.queryForObject("select count(*) from xf_status_change where to_status = 'Deferred'", Long.class);
      if (deferrals != count) {
        throw new IllegalStateException(deferrals + " deferrals for " + count + " XEPs: a timer fired twice or not at all");
      }
      String what = count + " due inactivity timers (Experimental XEPs)";
      results.add("import of " + count + " XEPs (setting up the backlog)", db, importSeconds, "s", 0);
      results.add(what + ": until all Deferred, one node", db, deferredSeconds, "s", count >= 10_000 ? 60 : 0);
      results.add(what + ": until announced and published, one node", db, doneSeconds, "s", 0);
      new QueryLatency(app.context.getEnvironment().getProperty("local.server.port", Integer.class))
          .run(results, db, engine, count);
    }
  }

  /** Copies of a real Experimental XEP (last revision 2024) under the numbers 1 to N. */
  private Path documents() throws IOException {
    Path folder = Path.of("target", "benchmarks", "backlog-documents");
    Files.createDirectories(folder);
    String template;
    try (InputStream in = getClass().getResourceAsStream("/xeps/xep-0264.xml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (int number = 1; number <= count; number++) {
      String xep = template.replace("<number>0264</number>", "<number>%04d</number>".formatted(number));
      Files.writeString(folder.resolve("xep-%04d.xml".formatted(number)), xep);
    }
    return folder;
  }

  private static void waitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 3_600_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Not done within an hour");
      }
      Thread.sleep(200);
    }
  }
}
