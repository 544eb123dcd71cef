package org.xsf.xepflow.support;

import static org.assertj.core.api.Assumptions.assumeThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2's own count of the statements it ran, for tests of what the engine asks the database (the
 * postgres run has no such counter, and skips them). Statements are matched with their whitespace
 * folded, as MyBatis sends them over several lines.
 */
public final class H2Statements implements AutoCloseable {
  private final JdbcTemplate jdbc;

  private H2Statements(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
    jdbc.execute("SET QUERY_STATISTICS TRUE");
  }

  /** Starts counting; skips the test on another database. */
  public static H2Statements counting(ProcessEngine engine, JdbcTemplate jdbc) {
    assumeThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("h2");
    return new H2Statements(jdbc);
  }

  /** How often statements like this one (upper case, one space between words, % for any text) ran. */
  public long count(String like) {
    return jdbc.queryForObject("select coalesce(sum(execution_count), 0) from information_schema.query_statistics"
        + " where regexp_replace(upper(sql_statement), '\\s+', ' ') like ?", Long.class, like);
  }

  @Override
  public void close() {
    jdbc.execute("SET QUERY_STATISTICS FALSE");
  }
}
