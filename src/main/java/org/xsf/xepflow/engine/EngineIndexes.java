package org.xsf.xepflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes that the engine's own schema lacks for what grows with the registry. Deleting a task
 * (every user task completed, or cancelled by a timer) looks for its subtasks by PARENT_TASK_ID_,
 * which Camunda does not index: with a task or two open per XEP every deletion read all open tasks,
 * and a backlog of 3,000 deferrals spent a ninth of its time in that scan (JFR, timer backlog
 * benchmark), more the larger the registry. Every command reads the variables of each scope it
 * touches by EXECUTION_ID_ with TASK_ID_ null; H2, before it has statistics of a table (and for
 * as long as it keeps a statement planned then), answers that through the index on TASK_ID_ alone,
 * reading every process variable (a sixth of a lifecycle's time at 100 XEPs): an index on both
 * columns is the better plan whatever the statistics. PostgreSQL plans that read with its
 * statistics through the engine's index on EXECUTION_ID_ (87 uses of ours against 55,670 of the
 * engine's in 600 lifecycles), so there the second index would only be written: it is dropped
 * where an earlier version created it. The message events a XEP's processes wait at (the API's
 * "awaiting") are read by process instance, which the engine's schema does not index either: at
 * 100,000 XEPs each read scanned 200,000 subscriptions (76 ms of opening one XEP). The job
 * executor's search reads the due jobs in due-date order ({@link JobsAcquiredByDueDate}) and leaves
 * out the process instances of exclusive jobs in progress: on PostgreSQL it hashed those from a
 * scan of every job, unless the few in progress are indexed apart.
 */
final class EngineIndexes extends AbstractProcessEnginePlugin {
  private static final String TASK_PARENT = "create index if not exists xf_idx_task_parent on act_ru_task (parent_task_id_)";
  private static final String VARIABLE_EXECUTION =
      "create index if not exists xf_idx_variable_execution on act_ru_variable (execution_id_, task_id_)";
  private static final String NO_VARIABLE_EXECUTION = "drop index if exists xf_idx_variable_execution";
  private static final String SUBSCRIPTION_PROCESS =
      "create index if not exists xf_idx_event_subscr_proc_inst on act_ru_event_subscr (proc_inst_id_)";
  private static final String JOB_DUE_DATE = "create index if not exists xf_idx_job_duedate on act_ru_job (duedate_)";
  private static final String JOB_IN_PROGRESS =
      "create index if not exists xf_idx_job_locked on act_ru_job (lock_exp_time_) where lock_owner_ is not null";
  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      List<String> ddl = DbSqlSessionFactory.H2.equals(configuration.getDatabaseType())
          ? List.of(TASK_PARENT, VARIABLE_EXECUTION, SUBSCRIPTION_PROCESS, JOB_DUE_DATE)
          : List.of(TASK_PARENT, NO_VARIABLE_EXECUTION, SUBSCRIPTION_PROCESS, JOB_DUE_DATE, JOB_IN_PROGRESS);
      for (String sql : ddl) {
        statement.execute(sql);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      // e.g. a second node creating it at the same moment; without it only large registries are slower
      LOG.warn("Could not create the indexes the engine lacks: deleting tasks, opening a XEP and finding due jobs"
          + " will be slower", e);
    }
  }
}
