package org.xsf.xepflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job executor acquires the jobs due longest first, through the index on the due date that
 * {@link EngineIndexes} adds. By default the engine asks for any three due jobs in no order, and
 * PostgreSQL read the job table from its start past every job run since the last vacuum: over a
 * backlog of 10,000 due inactivity timers the search took 6.7 s of the server's time in no order,
 * 3.1 s in due-date order (both with the index of the jobs in progress). The engine then gives every
 * new job a due date (asynchronous continuations the time they were made) and acquires no job
 * without one: those an earlier version left without get their creation time at start, before the
 * job executor runs.
 */
final class JobsAcquiredByDueDate extends AbstractProcessEnginePlugin {
  /** A new revision, so that a node that read such a job before cannot write its empty due date back. */
  private static final String DUE_DATES_SET = "update act_ru_job set duedate_ = coalesce(create_time_, current_timestamp),"
      + " rev_ = rev_ + 1 where duedate_ is null";
  private static final Logger LOG = LoggerFactory.getLogger(JobsAcquiredByDueDate.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setJobExecutorAcquireByDueDate(true);
    configuration.setEnsureJobDueDateNotNull(true);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      int set = statement.executeUpdate(DUE_DATES_SET);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      if (set > 0) {
        LOG.info("{} jobs without a due date got the time they were made, so that the job executor acquires them", set);
      }
    } catch (SQLException e) {
      // without it those jobs would silently never run
      throw new ProcessEngineException("Could not give the jobs without a due date one", e);
    }
  }
}
