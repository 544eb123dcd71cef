package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
  @Autowired
  TaskService tasks;
  @Autowired
  RuntimeService runtime;

  @BeforeEach
  void onPostgres() {
    assumeTrue("postgres".equals(((ProcessEngineConfigurationImpl) configuration).getDatabaseType()), "PostgreSQL only");
  }

  @Test
  void eachConnectionCostsRandomReadsAsOnSsdsAndCompilesNoQuery() {
    assertThat(jdbc.queryForObject("show random_page_cost", String.class)).isEqualTo("1.1");
    assertThat(jdbc.queryForObject("show jit", String.class)).isEqualTo("off");
  }

  /** The JDBC driver prepares a statement on the server from its fifth call on a connection. */
  @Test
  void taskQueriesAreNeverPreparedOnTheServerOtherStatementsAre() {
    List<String> prepared = transaction.execute(tx -> {
      for (int call = 0; call < 8; call++) {
        tasks.createTaskQuery().taskCandidateGroup("editor").listPage(0, 15);
        tasks.createTaskQuery().taskCandidateGroup("editor").count();
        runtime.createProcessInstanceQuery().processDefinitionKey("xep-lifecycle").count();
      }
      // the same connection as the engine's, in this transaction
      return jdbc.queryForList("select statement from pg_prepared_statements", String.class);
    });

    assertThat(prepared).anyMatch(sql -> sql.contains("ACT_RU_EXECUTION RES"));
    assertThat(prepared).noneMatch(sql -> sql.contains("ACT_RU_TASK RES"));
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
