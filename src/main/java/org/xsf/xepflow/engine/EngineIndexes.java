package org.xsf.xepflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
 * columns is the better plan whatever the statistics.
 */
final class EngineIndexes extends AbstractProcessEnginePlugin {
  private static final List<String> INDEXES = List.of(
      "create index if not exists xf_idx_task_parent on act_ru_task (parent_task_id_)",
      "create index if not exists xf_idx_variable_execution on act_ru_variable (execution_id_, task_id_)");
  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String index : INDEXES) {
        statement.execute(index);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      // e.g. a second node creating it at the same moment; without it only large registries are slower
      LOG.warn("Could not create the indexes the engine lacks: deleting tasks will be slower", e);
    }
  }
}
