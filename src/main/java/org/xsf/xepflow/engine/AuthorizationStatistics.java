package org.xsf.xepflow.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, statistics on the permission bits of the engine's authorizations. A task query
 * made for a user (each Tasklist filter) joins the tasks with that user's authorizations where
 * "PERMS_ & READ = READ", which the planner takes for 0.5 % of the rows without statistics on the
 * expression. The engine gives each assignee and candidate group an authorization per task, so a
 * member with 5,000 tasks got a nested loop of tasks by authorizations: 2.2 s to count them instead
 * of 0.05 s (measured by the scale benchmark).
 */
final class AuthorizationStatistics extends AbstractProcessEnginePlugin {
  static final String NAME = "xf_stat_authorization_perms";
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet existing = statement.executeQuery("select 1 from pg_statistic_ext where stxname = '" + NAME + "'")) {
        if (existing.next()) {
          return;
        }
      }
      statement.execute("create statistics " + NAME + " on (perms_ & " + Permissions.READ.getValue() + "), (perms_ & "
          + Permissions.READ_TASK.getValue() + ") from act_ru_authorization");
      statement.execute("analyze act_ru_authorization");
    } catch (SQLException e) {
      // Statistics on expressions need PostgreSQL 14; without them only large task lists are slower.
      LOG.warn("No statistics on authorization permissions: Tasklist may be slow for users with many tasks", e);
    }
  }
}
