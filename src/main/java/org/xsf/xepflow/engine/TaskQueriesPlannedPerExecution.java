package org.xsf.xepflow.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.ibatis.executor.statement.BaseStatementHandler;
import org.apache.ibatis.executor.statement.RoutingStatementHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.postgresql.PGStatement;

/**
 * On PostgreSQL, the task queries of Tasklist and the REST API are planned for the values of each
 * call; every other statement keeps the plan PostgreSQL caches for it. A cached (generic) plan of
 * the task query cannot see the permission bits' statistics and compares every task with every
 * authorization (the count of 100,000 group tasks went from 1.4 s to minutes), so these statements
 * are never prepared on the server. Planning every statement instead (plan_cache_mode =
 * force_custom_plan) took 40 % of PostgreSQL's time in a backlog of deferrals.
 */
final class TaskQueriesPlannedPerExecution extends AbstractProcessEnginePlugin {
  private static final Set<String> STATEMENTS = Set.of("selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria");

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
      return;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (mybatis.getInterceptors().stream().noneMatch(OneShotTaskQueries.class::isInstance)) {
      mybatis.addInterceptor(new OneShotTaskQueries(mybatis));
    }
  }

  /** Sends the task queries as unnamed statements, which PostgreSQL plans with the call's values. */
  @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
  static final class OneShotTaskQueries implements Interceptor {
    /**
     * A handler's statement, read through its fields with handles found once: MyBatis's MetaObject,
     * built for each handler, took 1.4 % of the job threads' samples in a backlog on PostgreSQL
     * (SystemMetaObject, which also looked the fields up each time, 12 %).
     */
    private static final VarHandle DELEGATE = field(RoutingStatementHandler.class, "delegate", StatementHandler.class);
    private static final VarHandle MAPPED_STATEMENT = field(BaseStatementHandler.class, "mappedStatement", MappedStatement.class);
    /** The task queries' statements, found once: a handler's is compared by reference. */
    private final Set<MappedStatement> taskQueries = Collections.newSetFromMap(new IdentityHashMap<>());

    OneShotTaskQueries(Configuration mybatis) {
      // by full id (namespace.id): MyBatis keeps short ids too, ambiguous ones as placeholders
      mybatis.getMappedStatementNames().stream()
          .filter(id -> id.contains(".") && STATEMENTS.contains(id.substring(id.lastIndexOf('.') + 1)))
          .forEach(id -> taskQueries.add(mybatis.getMappedStatement(id)));
    }

    /**
     * Wraps the task queries' statement handlers only. MyBatis offers each plugin the executor and
     * every handler of every statement, and its default wrap reads the plugin's annotations and the
     * target's interfaces each time: 3.5 % of the job threads' samples in a backlog on PostgreSQL, for
     * handlers that were then left alone.
     */
    @Override
    public Object plugin(Object target) {
      return target instanceof RoutingStatementHandler handler && isTaskQuery(handler) ? Plugin.wrap(target, this) : target;
    }

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      Statement statement = (Statement) invocation.proceed();
      oneShot(statement);
      return statement;
    }

    private boolean isTaskQuery(RoutingStatementHandler handler) {
      return taskQueries.contains((MappedStatement) MAPPED_STATEMENT.get((BaseStatementHandler) DELEGATE.get(handler)));
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
      try {
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("MyBatis's " + owner.getSimpleName() + " has no field " + name, e);
      }
    }

    private static void oneShot(Statement statement) throws SQLException {
      if (statement.isWrapperFor(PGStatement.class)) {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
    }
  }
}
