package org.xsf.xepflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job executor acquires the jobs due longest first, through an index on the due date. By
 * default the engine asks for any three due jobs in no order: PostgreSQL scans the job table from
 * its start, past every job run since the last vacuum, so each acquisition cost more the longer a
 * backlog ran (a backlog of 10,000 due inactivity timers: 876 pages and 2.2 ms a search on
 * average; of 3,000: 267 pages). In due-date order through the index a search reads the first due jobs and
 * stops. The engine then gives every job a due date, asynchronous continuations the time they were
 * made, and acquires no job without one: those an earlier version left without get theirs at start.
 */
final class JobsAcquiredByDueDate extends AbstractProcessEnginePlugin {
  private static final String DUE_DATE_INDEX = "create index if not exists xf_idx_job_duedate on act_ru_job (duedate_)";
  /** The jobs in progress, few at any time, that the search leaves out of its process instances. */
  private static final String LOCKED_INDEX =
      "create index if not exists xf_idx_job_locked on act_ru_job (lock_exp_time_) where lock_owner_ is not null";
  private static final String DUE_DATES_SET =
      "update act_ru_job set duedate_ = coalesce(create_time_, current_timestamp) where duedate_ is null";
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
      statement.execute(DUE_DATE_INDEX);
      if (DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
        statement.execute(LOCKED_INDEX);
      }
      int set = statement.executeUpdate(DUE_DATES_SET);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      if (set > 0) {
        LOG.info("{} jobs without a due date got the time they were made, so that the job executor acquires them", set);
      }
    } catch (SQLException e) {
      // e.g. a second node starting at the same moment: it will have done the same
      LOG.warn("Could not index the jobs' due dates or give every job one: jobs without one stay unacquired", e);
    }
  }
}
