package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * The planner knows how many authorizations grant READ (run on PostgreSQL by the build's postgres
 * execution): without the statistics it guesses 0.5 % of them, and Tasklist's task queries for a
 * user with many tasks become nested loops of tasks by authorizations.
 */
class AuthorizationStatisticsTest extends ProcessTestSupport {
  private static final String USER = "statistics-probe";
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  ProcessEngineConfiguration configuration;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void thePlannerEstimatesAUsersTaskAuthorizations() {
    assumeTrue("postgres".equals(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) configuration)
        .getDatabaseType()), "statistics on expressions are PostgreSQL's");
    for (int task = 0; task < 400; task++) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setUserId(USER);
      grant.setResource(Resources.TASK);
      grant.setResourceId("probe-task-" + task);
      grant.addPermission(Permissions.READ);
      authorizations.saveAuthorization(grant);
    }
    jdbc.execute("analyze act_ru_authorization");

    String plan = jdbc.queryForList("explain select * from act_ru_authorization where perms_ & 2 = 2"
        + " and resource_type_ = 7", String.class).get(0);
    long estimated = Long.parseLong(plan.replaceFirst(".*rows=(\\d+).*", "$1"));
    assertThat(estimated).as(plan).isGreaterThan(200);
  }

  @AfterEach
  void removeProbe() {
    authorizations.createAuthorizationQuery().userIdIn(USER).list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
  }
}
