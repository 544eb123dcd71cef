package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The engine's tables get the indexes xepflow adds (on H2 here, on PostgreSQL in the postgres run). */
class EngineIndexesTest extends ProcessTestSupport {
  @Autowired
  DataSource dataSource;

  @Test
  void tasksAreFoundByTheirParentTaskThroughAnIndex() throws Exception {
    assertThat(leadingColumnsOfIndexes("act_ru_task")).contains("PARENT_TASK_ID_");
  }

  /** The message events a XEP's processes wait at, read by process instance for the API. */
  @Test
  void eventSubscriptionsAreFoundByTheirProcessInstanceThroughAnIndex() throws Exception {
    assertThat(leadingColumnsOfIndexes("act_ru_event_subscr")).contains("PROC_INST_ID_");
  }

  /** The job executor's search, for the jobs due longest first ({@link JobsAcquiredByDueDate}). */
  @Test
  void jobsAreFoundByTheirDueDateThroughAnIndex() throws Exception {
    assertThat(leadingColumnsOfIndexes("act_ru_job")).contains("DUEDATE_");
  }

  /** The same search leaves out the process instances of exclusive jobs in progress, found through an index of those alone. */
  @Test
  void onPostgreSqlTheJobsInProgressAreIndexed() {
    assumeTrue(DbSqlSessionFactory.POSTGRES.equals(databaseType()), "PostgreSQL's partial indexes");
    assertThat(new JdbcTemplate(dataSource).queryForObject(
        "select indexdef from pg_indexes where indexname = 'xf_idx_job_locked'", String.class))
        .contains("(lock_exp_time_)").endsWith("WHERE (lock_owner_ IS NOT NULL)");
  }

  /** Without it, H2 planned this before it had statistics through the index on TASK_ID_ alone: every process variable. */
  @Test
  void theVariablesOfAScopeAreReadThroughTheIndexOnExecutionAndTask() {
    assumeTrue(DbSqlSessionFactory.H2.equals(databaseType()), "H2's plans");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // as H2 plans on a new database, before any statistics: every column equally selective
    jdbc.execute("alter table act_ru_variable alter column task_id_ selectivity 50");
    jdbc.execute("alter table act_ru_variable alter column execution_id_ selectivity 50");
    String plan = jdbc.queryForObject("explain select * from act_ru_variable where execution_id_ = ? and task_id_ is null",
        String.class, "some execution");
    assertThat(plan.toUpperCase()).contains("XF_IDX_VARIABLE_EXECUTION: EXECUTION_ID_ =");
  }

  /**
   * PostgreSQL plans that read through the engine's own index on EXECUTION_ID_: ours would only be
   * written, and goes where an earlier version created it.
   */
  @Test
  void onPostgreSqlTheVariablesKeepTheEnginesIndexesOnly() throws Exception {
    assumeTrue(DbSqlSessionFactory.POSTGRES.equals(databaseType()), "PostgreSQL's indexes");
    new JdbcTemplate(dataSource).execute(
        "create index if not exists xf_idx_variable_execution on act_ru_variable (execution_id_, task_id_)");
    new EngineIndexes().postProcessEngineBuild(processEngine);
    assertThat(fromIndexInfo("act_ru_variable", row -> row.getString("INDEX_NAME")))
        .contains("act_idx_var_exe").doesNotContain("xf_idx_variable_execution");
  }

  private String databaseType() {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType();
  }

  private List<String> leadingColumnsOfIndexes(String table) throws Exception {
    return fromIndexInfo(table,
        row -> row.getShort("ORDINAL_POSITION") == 1 ? row.getString("COLUMN_NAME").toUpperCase() : null);
  }

  /** What {@code read} takes from each row of the table's index information, where it takes anything. */
  private List<String> fromIndexInfo(String table, IndexRow read) throws Exception {
    return JdbcUtils.extractDatabaseMetaData(dataSource, (DatabaseMetaData metaData) -> {
      List<String> found = new ArrayList<>();
      // H2 keeps unquoted names in upper case, PostgreSQL in lower case
      for (String name : List.of(table.toUpperCase(), table.toLowerCase())) {
        try (ResultSet indexes = metaData.getIndexInfo(null, null, name, false, false)) {
          while (indexes.next()) {
            String value = read.from(indexes);
            if (value != null) {
              found.add(value);
            }
          }
        }
      }
      return found;
    });
  }

  private interface IndexRow {
    String from(ResultSet row) throws SQLException;
  }
}
