package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The groups the engine finds in authorizations (on H2 here, through the index on PostgreSQL in the postgres run). */
class AuthorizedGroupsByIndexTest extends ProcessTestSupport {
  @Autowired
  ProcessEngineConfiguration configuration;
  @Autowired
  JdbcTemplate jdbc;

  /** The engine's own statement also lists "no group" (authorizations of users), which matches no one's group. */
  @Test
  void theEngineFindsTheGroupsOfAllAuthorizations() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    List<String> found = engine.getCommandExecutorTxRequired().execute((Command<List<String>>) context ->
        context.getDbEntityManager().selectList(AuthorizedGroupsByIndex.ENGINE_STATEMENT).stream().map(String.class::cast)
            .filter(java.util.Objects::nonNull).toList());

    assertThat(found).containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
        "select distinct group_id_ from act_ru_authorization where group_id_ is not null", String.class))
        .contains("editor", "council", "board", "authors");
    String statement = engine.getDbSqlSessionFactory().mapStatement(AuthorizedGroupsByIndex.ENGINE_STATEMENT);
    assertThat(statement).isEqualTo("postgres".equals(engine.getDatabaseType())
        ? AuthorizedGroupsByIndex.STATEMENT : AuthorizedGroupsByIndex.ENGINE_STATEMENT);
  }
}
