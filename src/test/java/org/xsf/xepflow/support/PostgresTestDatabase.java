package org.xsf.xepflow.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database for a test run, made once per JVM. Each checkout has its own, named
 * after its folder, so that test runs in two checkouts at once (a clone for CI, a second worktree)
 * do not drop each other's database.
 */
public final class PostgresTestDatabase {
  private static final String CHECKOUT =
      Integer.toHexString(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().toString().hashCode());
  private static final String NAME = ofThisCheckout("xepflow_ci");
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + NAME;
  private static boolean created;

  private PostgresTestDatabase() {
  }

  static synchronized void recreateOnce() throws SQLException {
    if (created) {
      return;
    }
    recreate(NAME);
    created = true;
  }

  /** The checkout's own database of this name (xepflow_ci_ and a hash of its folder), for tests that make their own. */
  public static String ofThisCheckout(String name) {
    return name + "_" + CHECKOUT;
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
