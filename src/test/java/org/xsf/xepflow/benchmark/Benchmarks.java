package org.xsf.xepflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark command (mvn -Pbenchmark verify, arguments in bench.args):
 * --db=h2,postgres --lifecycles=N --lifecycles-prefilled=N --backlog=N --backlog-nodes=1|2 --startups=N
 * --scale=N (0 leaves a benchmark out; --lifecycles-prefilled=N copies N lifecycles and their
 * baselines in SQL before the measured ones, on PostgreSQL; --backlog-nodes=1 leaves out the backlog
 * on two nodes sharing PostgreSQL; the queries with N lifecycles run on PostgreSQL only and are left
 * out unless asked for: 100,000 take about 20 minutes and 35 GB; --scale-keep measures again on the
 * database an earlier run built).
 */
public final class Benchmarks {
  private Benchmarks() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Arrays.stream(args).map(a -> a.replaceFirst("^--", "").split("=", 2))
        .collect(Collectors.toMap(a -> a[0], a -> a.length > 1 ? a[1] : ""));
    List<String> databases = List.of(options.getOrDefault("db", "h2").split(","));
    int lifecycles = Integer.parseInt(options.getOrDefault("lifecycles", "100"));
    int prefilled = Integer.parseInt(options.getOrDefault("lifecycles-prefilled", "0"));
    int backlog = Integer.parseInt(options.getOrDefault("backlog", "1000"));
    boolean twoNodes = !"1".equals(options.get("backlog-nodes"));
    int startups = Integer.parseInt(options.getOrDefault("startups", "3"));
    int scale = Integer.parseInt(options.getOrDefault("scale", "0"));
    boolean keepScale = options.containsKey("scale-keep");
    Path out = Path.of("target", "benchmarks");
    Files.createDirectories(out);
    try (Stream<Path> earlier = Files.list(out)) {
      for (Path file : earlier.toList()) {
        // --scale-keep measures the database and site of an earlier run again
        if (!(keepScale && file.getFileName().toString().equals("postgres-scale"))) {
          FileSystemUtils.deleteRecursively(file);
        }
      }
    }

    Results results = new Results();
    for (String db : databases) {
      if (startups > 0) {
        new StartupBenchmark(startups).run(db, results);
      }
      if (lifecycles > 0) {
        new LifecycleBenchmark(db, lifecycles, prefilled).run(results);
      }
      if (backlog > 0) {
        new TimerBacklogBenchmark(db, backlog, twoNodes).run(results);
      }
    }
    if (scale > 0) {
      new ScaleBenchmark(scale, keepScale).run(results);
    }
    results.write(out.resolve("results.md"), machine());
    System.out.println("Written to " + out.resolve("results.md"));
    System.exit(0);
  }

  private static String machine() throws Exception {
    String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
    return Runtime.getRuntime().availableProcessors() + " cores, " + memory + ", Java "
        + System.getProperty("java.version");
  }
}
