package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
