package org.xsf.xepflow.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh PostgreSQL database for a test run, made once per JVM. */
public final class PostgresTestDatabase {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/xepflow_ci";
  private static boolean created;

  private PostgresTestDatabase() {
  }

  static synchronized void recreateOnce() throws SQLException {
    if (created) {
      return;
    }
    recreate("xepflow_ci");
    created = true;
  }

  /** Drops and creates a database on the local server (trust authentication). */
  public static void recreate(String database) throws SQLException {
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + database);
    }
  }
}
