package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.ibatis.executor.statement.RoutingStatementHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.engine.TaskQueriesPlannedPerExecution.OneShotTaskQueries;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * The plugin that sends the task queries unprepared (PostgresPlannerTest checks that on PostgreSQL)
 * wraps their statement handlers and no other: each wrap is a proxy built by reflection.
 */
class TaskQueriesPlannedPerExecutionTest extends ProcessTestSupport {
  private static final String TASKS = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.";
  @Autowired
  ProcessEngineConfiguration configuration;

  @Test
  void wrapsTheTaskQueriesHandlersOnly() {
    Configuration mybatis = ((ProcessEngineConfigurationImpl) configuration).getSqlSessionFactory().getConfiguration();
    OneShotTaskQueries plugin = new OneShotTaskQueries(mybatis);

    assertThat(wrapped(plugin, mybatis, TASKS + "selectTaskByQueryCriteria")).isTrue();
    assertThat(wrapped(plugin, mybatis, TASKS + "selectTaskCountByQueryCriteria")).isTrue();
    assertThat(wrapped(plugin, mybatis, TASKS + "selectTask")).isFalse();
    assertThat(wrapped(plugin, mybatis, "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJob")).isFalse();
    Object notAStatementHandler = mybatis.newExecutor(null);
    assertThat(plugin.plugin(notAStatementHandler)).isSameAs(notAStatementHandler);
  }

  private static boolean wrapped(OneShotTaskQueries plugin, Configuration mybatis, String statement) {
    var mapped = mybatis.getMappedStatement(statement);
    var handler = new RoutingStatementHandler(null, mapped, null, RowBounds.DEFAULT, null,
        new BoundSql(mybatis, "select 1", List.of(), null));
    return Proxy.isProxyClass(plugin.plugin(handler).getClass());
  }
}
