package org.xsf.xepflow.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;
import org.xsf.xepflow.support.AppH2Settings;
import org.xsf.xepflow.support.PostgresTestDatabase;

/**
 * Issue #7.4: start-up time and resident memory of xepflow (demo users, embedded mail) against the
 * bare Camunda starter application, on H2 or PostgreSQL, each in a JVM of its own with the same flags, alternating,
 * medians of N starts. Ready means Spring Boot's readiness state ACCEPTING_TRAFFIC: after the
 * application runners (deployment of bpmn/ and forms/, demo users, site). A third application, the bare
 * starter with xepflow's JPA entities, shows how much of the difference JPA is. The CPU time each JVM
 * used until ready varies less from start to start than the time to ready on these two shared cores.
 */
final class StartupBenchmark {
  private static final String READY = "ReadinessState changed to ACCEPTING_TRAFFIC";
  private static final String BARE_CONFIG = "--spring.config.location=classpath:/org/xsf/benchmark/bare.yaml";
  private static final Path DIR = Path.of("target", "benchmarks", "startup");
  private final int runs;

  StartupBenchmark(int runs) {
    this.runs = runs;
  }

  /** Both applications on H2 in memory (their default here) or each on a fresh PostgreSQL database. */
  void run(String db, Results results) throws Exception {
    List<double[]> ours = new ArrayList<>();
    List<double[]> bare = new ArrayList<>();
    List<double[]> bareWithJpa = new ArrayList<>();
    String classPath = System.getProperty("java.class.path");
    for (int run = 0; run < runs; run++) {
      FileSystemUtils.deleteRecursively(DIR);
      ours.add(startOurs(db, List.of(), classPath));
      bare.add(startBare(db, List.of(), classPath));
      bareWithJpa.add(start(List.of(), classPath, "org.xsf.benchmark.BareCamundaWithRegistryJpa",
          database(db, "startup_bare_jpa", "jdbc:h2:mem:barejpa;DB_CLOSE_DELAY=-1"), BARE_CONFIG,
          "--spring.jpa.hibernate.ddl-auto=update", "--spring.jpa.open-in-view=false"));
    }
    results.add("start-up time to ready (median of " + runs + ")", db, median(ours, 0), median(bare, 0), "s", 1.2);
    results.add("resident memory when ready (median of " + runs + ")", db, median(ours, 1), median(bare, 1), "MiB", 1.2);
    results.add("CPU time until ready, all of the JVM's threads (median of " + runs + ")", db, median(ours, 2),
        median(bare, 2), "s", 0);
    results.add("bare starter + xepflow's JPA entities: start-up", db, median(bareWithJpa, 0),
        median(bare, 0), "s", 0);
    results.add("bare starter + xepflow's JPA entities: memory", db, median(bareWithJpa, 1),
        median(bare, 1), "MiB", 0);
    runWithClassDataSharing(db, results);
  }

  /**
   * Both applications started as the README's production start does, each with an archive of the
   * classes its training start loaded until its context was refreshed (Spring Boot's CDS support, on
   * H2 in memory), mapped by each start after (-Xshare:on fails a start that cannot map it).
   */
  private void runWithClassDataSharing(String db, Results results) throws Exception {
    Path dir = Path.of("target", "benchmarks", "cds");
    FileSystemUtils.deleteRecursively(dir);
    Files.createDirectories(dir);
    String classPath = ClassDataSharing.archivableClassPath(dir);
    List<String> oursArchive = ClassDataSharing.train(dir.resolve("xepflow.jsa"),
        archiving -> startOurs("h2", archiving, classPath));
    List<String> bareArchive = ClassDataSharing.train(dir.resolve("bare.jsa"),
        archiving -> startBare("h2", archiving, classPath));
    List<double[]> ours = new ArrayList<>();
    List<double[]> bare = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      FileSystemUtils.deleteRecursively(DIR);
      ours.add(startOurs(db, oursArchive, classPath));
      bare.add(startBare(db, bareArchive, classPath));
    }
    results.add("with a CDS archive: start-up time to ready (median of " + runs + ")", db, median(ours, 0),
        median(bare, 0), "s", 1.2);
    results.add("with a CDS archive: resident memory when ready (median of " + runs + ")", db, median(ours, 1),
        median(bare, 1), "MiB", 1.2);
    results.add("with a CDS archive: CPU time until ready (median of " + runs + ")", db, median(ours, 2),
        median(bare, 2), "s", 0);
    FileSystemUtils.deleteRecursively(dir);
  }

  private static double[] startOurs(String db, List<String> jvmOptions, String classPath) throws Exception {
    return start(jvmOptions, classPath, "org.xsf.xepflow.XepflowApplication",
        database(db, "startup", "jdbc:h2:mem:startup" + AppH2Settings.of()), "--xepflow.site.dir=" + DIR.resolve("site"),
        "--xepflow.source-control.dir=" + DIR.resolve("sources"), "--xepflow.mail.smtp.port=0");
  }

  private static double[] startBare(String db, List<String> jvmOptions, String classPath) throws Exception {
    return start(jvmOptions, classPath, "org.xsf.benchmark.BareCamundaApplication",
        database(db, "startup_bare", "jdbc:h2:mem:bare;DB_CLOSE_DELAY=-1"), BARE_CONFIG);
  }

  /** The database arguments of one start: on PostgreSQL a new database, as a first start in production has. */
  private static String[] database(String db, String name, String h2) throws SQLException {
    if (db.equals("h2")) {
      return new String[] {"--spring.datasource.url=" + h2};
    }
    PostgresTestDatabase.recreate("xepflow_bench_" + name);
    return new String[] {"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/xepflow_bench_" + name,
        "--spring.datasource.username=postgres"};
  }

  /**
   * Seconds to ready, resident MiB then, and the seconds of CPU the JVM had used by then; for a start
   * that ends itself once its context is refreshed (a CDS training start), nothing.
   */
  private static double[] start(List<String> jvmOptions, String classPath, String mainClass, String[] database,
      String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, mainClass, "--server.port=0",
        "--logging.level.org.springframework.boot.availability=DEBUG"));
    command.addAll(List.of(database));
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.contains(READY)) {
        if (line.contains("APPLICATION FAILED TO START")) {
          throw new IllegalStateException(mainClass + " failed to start");
        }
      }
      if (line == null) {
        if (process.waitFor() == 0 && jvmOptions.contains(ClassDataSharing.EXIT_ON_REFRESH)) {
          return null;
        }
        throw new IllegalStateException(mainClass + " ended before it was ready");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rss = residentMiB(process.pid());
      return new double[] {seconds, rss, CpuTime.ofProcess(process.pid()) / 1000};
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static double residentMiB(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToDouble(Double::parseDouble)
        .findFirst().orElseThrow() / 1024;
  }

  private static double median(List<double[]> samples, int index) {
    double[] values = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
    return values[values.length / 2];
  }
}
