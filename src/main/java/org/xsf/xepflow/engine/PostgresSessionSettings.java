package org.xsf.xepflow.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Planner settings for each of xepflow's connections to PostgreSQL (xepflow.postgres.session-settings).
 * The engine checks a user's authorizations in every task query by joining each task with them on
 * "resource id in (task, process definition, *)", which only an index lookup per task answers
 * quickly; with PostgreSQL's default cost of a random read (made for spinning disks) the planner
 * compares every task with every authorization instead: the Editor's group tasks in Tasklist
 * (2,090 tasks) took 360 ms instead of 19 ms. A cached plan of the task query makes the same
 * choice, hence {@link TaskQueriesPlannedPerExecution}.
 */
@Component
class PostgresSessionSettings implements BeanPostProcessor {
  private final String settings;

  PostgresSessionSettings(@Value("${xepflow.postgres.session-settings:}") String settings) {
    this.settings = settings;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && !settings.isBlank() && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql(settings);
    }
    return bean;
  }
}
