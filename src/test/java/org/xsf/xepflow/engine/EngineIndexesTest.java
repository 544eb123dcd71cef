package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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

  /** Without it, H2 planned this before it had statistics through the index on TASK_ID_ alone: every process variable. */
  @Test
  void theVariablesOfAScopeAreReadThroughTheIndexOnExecutionAndTask() {
    assumeTrue("h2".equals(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType()),
        "H2's plans");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // as H2 plans on a new database, before any statistics: every column equally selective
    jdbc.execute("alter table act_ru_variable alter column task_id_ selectivity 50");
    jdbc.execute("alter table act_ru_variable alter column execution_id_ selectivity 50");
    String plan = jdbc.queryForObject("explain select * from act_ru_variable where execution_id_ = ? and task_id_ is null",
        String.class, "some execution");
    assertThat(plan.toUpperCase()).contains("XF_IDX_VARIABLE_EXECUTION: EXECUTION_ID_ =");
  }

  /** PostgreSQL plans that read through the engine's own index on EXECUTION_ID_: ours would only be written. */
  @Test
  void onPostgreSqlTheVariablesKeepTheEnginesIndexesOnly() throws Exception {
    assumeTrue("postgres".equals(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType()),
        "PostgreSQL's indexes");
    List<String> names = JdbcUtils.extractDatabaseMetaData(dataSource, (DatabaseMetaData metaData) -> {
      List<String> found = new ArrayList<>();
      try (ResultSet indexes = metaData.getIndexInfo(null, null, "act_ru_variable", false, false)) {
        while (indexes.next()) {
          found.add(indexes.getString("INDEX_NAME"));
        }
      }
      return found;
    });
    assertThat(names).contains("act_idx_var_exe").doesNotContain("xf_idx_variable_execution");
  }

  private List<String> leadingColumnsOfIndexes(String table) throws Exception {
    return JdbcUtils.extractDatabaseMetaData(dataSource, (DatabaseMetaData metaData) -> {
      List<String> columns = new ArrayList<>();
      // H2 keeps unquoted names in upper case, PostgreSQL in lower case
      for (String name : List.of(table.toUpperCase(), table.toLowerCase())) {
        try (ResultSet indexes = metaData.getIndexInfo(null, null, name, false, false)) {
          while (indexes.next()) {
            if (indexes.getShort("ORDINAL_POSITION") == 1) {
              columns.add(indexes.getString("COLUMN_NAME").toUpperCase());
            }
          }
        }
      }
      return columns;
    });
  }
}
