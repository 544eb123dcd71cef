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
import java.util.concurrent.atomic.LongAccumulator;
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
  /** Those of {@link #statements} a driver sent to look up its next step, not as a step. */
  private final AtomicLong lookups = new AtomicLong();
  private final Map<String, Sums> bySql = new ConcurrentHashMap<>();
  /** Each statement's text as listed, made once per text: a regular expression per call took 6 % of a backlog's job threads. */
  private final Map<String, String> kinds = new ConcurrentHashMap<>();
  /** 0 while the measured side runs, 1 while its baseline runs: where in the sums its statements go. */
  private volatile int column;
  private volatile boolean counting = true;

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !(bean instanceof Switch)) {
      return new Switch(dataSource, ProxyDataSourceBuilder.create(dataSource).name(beanName).afterQuery((execution, queries) -> {
        statements.addAndGet(queries.size());
        boolean lookup = DriverLookups.active();
        if (lookup) {
          lookups.addAndGet(queries.size());
        }
        // a batch counts as one kind of statement, its time once
        String kind = kinds.computeIfAbsent(queries.get(0).getQuery(), StatementCounter::kind);
        bySql.computeIfAbsent(lookup ? "(a driver's lookup) " + kind : kind, k -> new Sums())
            .add(column, queries.size(), execution.getElapsedTime());
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

  long lookups() {
    return lookups.get();
  }

  void clearKinds() {
    bySql.clear();
  }

  /** Whether statements from now on are the baseline's, listed beside the measured side's by {@link #writeSlowest}. */
  void countAsBaseline(boolean baseline) {
    column = baseline ? 1 : 0;
  }

  /**
   * Writes every kind of statement since {@link #clearKinds()} as a table, those that took the most
   * time first: how often each ran per run ({@code runs} of each side), and the baseline's, if it had
   * any; a driver's lookups are listed apart from the same statements sent by a step.
   */
  void writeSlowest(Path file, String title, int runs) throws IOException {
    Files.write(file, slowest(title, runs));
  }

  /** The table {@link #writeSlowest} writes, under its title. */
  List<String> slowest(String title, int runs) {
    boolean baseline = bySql.values().stream().anyMatch(sums -> sums.executions[1].sum() > 0);
    String header = baseline ? "| total | executions | per run | longest | the baseline's per run | statement |"
        : "| total | executions | per run | longest | statement |";
    return Stream.concat(Stream.of(title, "", header, header.replaceAll("[^|]+", " --- ")),
        slowest(runs, baseline).stream()).toList();
  }

  private List<String> slowest(int runs, boolean baseline) {
    return bySql.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Sums> e) -> e.getValue().millis.sum()).reversed())
        .map(e -> "| %d ms | %d | %.1f | %d ms |%s `%s` |".formatted(e.getValue().millis.sum(),
            e.getValue().executions[0].sum(), e.getValue().executions[0].sum() / (double) runs, e.getValue().longest.get(),
            baseline ? " %.1f |".formatted(e.getValue().executions[1].sum() / (double) runs) : "", e.getKey()))
        .toList();
  }

  /**
   * One kind of statement: how often each side ran it, and the measured side's time in all and at
   * the longest (a few long waits, as for a lock or the database writing its file, tell apart from
   * a statement slow every time).
   */
  private static final class Sums {
    final LongAdder[] executions = {new LongAdder(), new LongAdder()};
    final LongAdder millis = new LongAdder();
    final LongAccumulator longest = new LongAccumulator(Math::max, 0);

    void add(int side, int statements, long elapsedMillis) {
      executions[side].add(statements);
      if (side == 0) {
        millis.add(elapsedMillis);
        longest.accumulate(elapsedMillis);
      }
    }
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
