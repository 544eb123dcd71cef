package org.xsf.xepflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Wraps the application's DataSource: every SQL statement the engine, MyBatis or Hibernate send is
 * counted, and the time spent in each kind of statement summed (to tell where the time goes). The
 * counting proxy's own work was 8 % of the job threads' CPU in a backlog of deferrals (it records every
 * parameter by reflection); {@link #counting(boolean) switched off}, the connections are the pool's own.
 */
final class StatementCounter implements BeanPostProcessor {
  private final AtomicLong statements = new AtomicLong();
  private final Map<String, LongAdder[]> bySql = new ConcurrentHashMap<>();
  /** Each statement's text as listed, made once per text: a regular expression per call took 6 % of a backlog's job threads. */
  private final Map<String, String> kinds = new ConcurrentHashMap<>();
  /** 0 while the measured side runs, 2 while its baseline runs: where in the sums its statements go. */
  private volatile int column;
  private volatile boolean counting = true;

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !(bean instanceof Switch)) {
      return new Switch(dataSource, ProxyDataSourceBuilder.create(dataSource).name(beanName).afterQuery((execution, queries) -> {
        statements.addAndGet(queries.size());
        // a batch counts as one kind of statement, its time once
        String kind = kinds.computeIfAbsent(queries.get(0).getQuery(), StatementCounter::kind);
        LongAdder[] sums = bySql.computeIfAbsent(kind,
            k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
        sums[column].add(queries.size());
        sums[column + 1].add(execution.getElapsedTime());
      }).build());
    }
    return bean;
  }

  /** Whether connections taken from now on count their statements (a connection taken before keeps its way). */
  void counting(boolean on) {
    counting = on;
  }

  long count() {
    return statements.get();
  }

  void clearKinds() {
    bySql.clear();
  }

  /** Whether statements from now on are the baseline's, listed beside the measured side's by {@link #writeSlowest}. */
  void countAsBaseline(boolean baseline) {
    column = baseline ? 2 : 0;
  }

  /**
   * Writes the kinds of statements that took the most time since {@link #clearKinds()} as a table:
   * how often each ran per run ({@code runs} of each side), and the baseline's, if it had any.
   */
  void writeSlowest(Path file, String title, int runs) throws IOException {
    Files.write(file, slowest(title, runs));
  }

  /** The table {@link #writeSlowest} writes, under its title. */
  List<String> slowest(String title, int runs) {
    boolean baseline = bySql.values().stream().anyMatch(sums -> sums[2].sum() > 0);
    String header = baseline ? "| total | executions | per run | the baseline's per run | statement |"
        : "| total | executions | per run | statement |";
    return Stream.concat(Stream.of(title, "", header, header.replaceAll("[^|]+", " --- ")),
        slowest(80, runs, baseline).stream()).toList();
  }

  private List<String> slowest(int n, int runs, boolean baseline) {
    return bySql.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder[]> e) -> e.getValue()[1].sum()).reversed())
        .limit(n).map(e -> "| %d ms | %d | %.1f |%s `%s` |".formatted(e.getValue()[1].sum(), e.getValue()[0].sum(),
            e.getValue()[0].sum() / (double) runs,
            baseline ? " %.1f |".formatted(e.getValue()[2].sum() / (double) runs) : "", e.getKey()))
        .toList();
  }

  /** The pool, through the counting proxy or not. */
  private final class Switch extends DelegatingDataSource {
    private final DataSource counted;

    Switch(DataSource pool, DataSource counted) {
      super(pool);
      this.counted = counted;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return counting ? counted.getConnection() : super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return counting ? counted.getConnection(username, password) : super.getConnection(username, password);
    }
  }

  private static String kind(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
  }
}
