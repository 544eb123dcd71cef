package org.xsf.xepflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * On PostgreSQL, the engine's list of groups that appear in any authorization read through the
 * index on GROUP_ID_. The engine asks for it in every command that checks authorizations (each
 * Tasklist or REST call as a user) with "SELECT DISTINCT GROUP_ID_", which PostgreSQL answers by
 * reading the whole table: with an authorization per open task, 200,000 rows and 25 ms per call
 * at 100,000 XEPs (a Council member's two Tasklist calls: 70 ms, of which 46 ms this), 0.2 ms so.
 */
final class AuthorizedGroupsByIndex extends AbstractProcessEnginePlugin {
  static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
  static final String STATEMENT = "selectAuthorizedGroupIdsByIndex";
  private static final String MAPPER = "org/xsf/xepflow/engine/authorized-groups.xml";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
      return;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.hasStatement(STATEMENT)) {
      try (InputStream mapper = AuthorizedGroupsByIndex.class.getClassLoader().getResourceAsStream(MAPPER)) {
        new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    // a copy: the engine's mappings for a database type are shared by every engine in the JVM
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.put(ENGINE_STATEMENT, STATEMENT);
    sessions.setStatementMappings(mappings);
  }
}
