package org.xsf.xepflow.benchmark;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import org.xsf.xepflow.XepflowApplication;
import org.xsf.xepflow.support.AppH2Settings;
import org.xsf.xepflow.support.PostgresTestDatabase;

/** The xepflow application in this JVM, on a fresh H2 or PostgreSQL database, with its statements counted. */
final class BenchmarkApp implements AutoCloseable {
  final ConfigurableApplicationContext context;
  final StatementCounter statements = new StatementCounter();
  private final boolean postgres;

  BenchmarkApp(String db, String name, boolean jobExecutor) throws SQLException, java.io.IOException {
    this(db, name, jobExecutor, null, true);
  }

  /**
   * @param sharedDatabase the JDBC address of an existing database, or null for a fresh one
   * @param freshSite a new site and sources folder, or those an earlier run left with the database
   */
  private BenchmarkApp(String db, String name, boolean jobExecutor, String sharedDatabase, boolean freshSite)
      throws SQLException, java.io.IOException {
    this.postgres = db.equals("postgres");
    Path dir = Path.of("target", "benchmarks", db + "-" + name);
    Map<String, Object> properties = new LinkedHashMap<>();
    if (sharedDatabase != null) {
      properties.put("spring.datasource.url", sharedDatabase);
      properties.put("spring.datasource.username", "postgres");
    } else if (db.equals("postgres")) {
      PostgresTestDatabase.recreate(database(name));
      properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + database(name));
      properties.put("spring.datasource.username", "postgres");
    } else {
      // a file with the app's settings: in memory, 3,000 lifecycles with their history filled the 3 GB heap
      properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("h2").resolve("xepflow")
          + AppH2Settings.of());
    }
    properties.put("server.port", 0);
    properties.put("camunda.bpm.job-execution.enabled", jobExecutor);
    // the name the node signs its jobs with in the job log
    properties.put("camunda.bpm.generic-properties.properties.hostname", name);
    properties.put("xepflow.site.dir", dir.resolve("site").toString());
    properties.put("xepflow.source-control.dir", dir.resolve("xep-sources").toString());
    properties.put("xepflow.mail.smtp.port", 0);
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.org.camunda", "ERROR");
    if (freshSite) {
      FileSystemUtils.deleteRecursively(dir);
    }
    // As command-line arguments: they win over application.yaml (default properties would not).
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    this.context = new SpringApplicationBuilder(XepflowApplication.class)
        .initializers(context -> {
          context.getBeanFactory().addBeanPostProcessor(statements);
          context.getBeanFactory().registerSingleton("driverLookups", new DriverLookups());
        }).run(args);
  }

  /**
   * The application on the PostgreSQL database an earlier run left, as it is, with its site (a new
   * site folder would have every XEP's pages published at start).
   */
  static BenchmarkApp onExistingDatabase(String name) throws SQLException, java.io.IOException {
    return new BenchmarkApp("postgres", name, false, "jdbc:postgresql://127.0.0.1:5432/" + database(name), false);
  }

  private static String database(String name) {
    return "xepflow_bench_" + name.replace('-', '_');
  }

  /** Another node on this node's PostgreSQL database: its own engine, job executor, mail server and site. */
  BenchmarkApp secondNode(String name) throws SQLException, java.io.IOException {
    return new BenchmarkApp("postgres", name, true, context.getEnvironment().getProperty("spring.datasource.url"), true);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /**
   * Planner statistics for what the run added, as PostgreSQL's autovacuum takes them within a minute
   * of such a change; it is off on these machines' server, where the engine's tables would otherwise
   * be planned as the empty tables they were at start (the Editor's 3,000 group tasks then took
   * seconds to list, and a message correlation by a variable's value read every process variable).
   * On H2, new connections: H2 plans a statement once per connection and keeps that plan as long as
   * the connection lives (30 minutes in the pool), where a run grows the database from nothing in
   * less (a Council decision's correlation by business key then read every execution, 1,000 XEPs in).
   */
  void analyze() {
    if (postgres) {
      bean(JdbcTemplate.class).execute("analyze");
    } else {
      try {
        bean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The database's size on disk: H2's file, PostgreSQL's database. */
  long databaseBytes() {
    return bean(JdbcTemplate.class).queryForObject(postgres
        ? "select pg_database_size(current_database())"
        : "select cast(setting_value as bigint) from information_schema.settings where setting_name = 'info.FILE_SIZE'",
        Long.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
