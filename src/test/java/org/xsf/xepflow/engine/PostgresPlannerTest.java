package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * What PostgreSQL's planner needs for Tasklist's task queries (run on PostgreSQL by the build's
 * postgres execution; skipped on H2): without them a user's task list compares every task with
 * every authorization.
 */
class PostgresPlannerTest extends ProcessTestSupport {
  private static final String USER = "statistics-probe";
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  ProcessEngineConfiguration configuration;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void onPostgres() {
    assumeTrue("postgres".equals(((ProcessEngineConfigurationImpl) configuration).getDatabaseType()), "PostgreSQL only");
  }

  @Test
  void eachConnectionCostsRandomReadsAsOnSsdsPlansEachExecutionAndCompilesNoQuery() {
    assertThat(jdbc.queryForObject("show random_page_cost", String.class)).isEqualTo("1.1");
    assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
    assertThat(jdbc.queryForObject("show jit", String.class)).isEqualTo("off");
  }

  /** Without statistics on the permission bits it guesses 0.5 % of the authorizations grant READ. */
  @Test
  void thePlannerEstimatesAUsersTaskAuthorizations() {
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
