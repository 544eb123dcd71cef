package org.xsf.xepflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsf.xepflow.support.AppH2Settings;

/**
 * The app's default database, an H2 file with the settings of application.yaml, keeps a commit when
 * the JVM dies right after it (killed, or out of memory). H2 writes commits to its file in the
 * background, up to its WRITE_DELAY (500 ms) later: with H2's default a ballot or a XEP committed
 * just before the JVM died was gone after the restart.
 */
class DefaultH2DatabaseTest {
  /** The exit status of a JVM that died as it meant to, right after its commit. */
  private static final int DIED = 3;

  @TempDir
  Path dir;

  @Test
  void aCommitSurvivesTheJvmDyingRightAfterIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("xepflow") + AppH2Settings.of();
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      connection.createStatement().execute("create table ballot (id int primary key)");
    }

    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CommitThenDie.class.getName(), url).inheritIO().start();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(jvm.exitValue()).as("the JVM committed and died").isEqualTo(DIED);

    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet count = connection.createStatement().executeQuery("select count(*) from ballot")) {
      count.next();
      assertThat(count.getInt(1)).as("ballots committed before the JVM died").isEqualTo(1);
    }
  }

  /** Commits a row and halts its JVM: no shutdown hook runs, the database is not closed. */
  static final class CommitThenDie {
    public static void main(String[] args) throws SQLException {
      Connection connection = DriverManager.getConnection(args[0], "sa", "");
      connection.setAutoCommit(false);
      connection.createStatement().execute("insert into ballot values (1)");
      connection.commit();
      Runtime.getRuntime().halt(DIED);
    }
  }
}
