package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsf.xepflow.support.AppH2Settings;

/**
 * The app's H2 file, which writes each commit at once, is compacted while the app runs: without
 * that, every commit's chunk stays in the file.
 */
class H2FileCompactionTest {
  /** H2 reuses a freed chunk's space 45 s after it was freed; at 0 at once, so a short test can see it. */
  private static final String REUSE_AT_ONCE = ";RETENTION_TIME=0";
  private static final Duration OFTEN = Duration.ofMillis(20);

  @TempDir
  Path dir;

  @BeforeEach
  void onceOnH2() {
    assumeFalse("postgres".equals(System.getProperty("xepflow.test.database")), "an H2 file of its own: run once");
  }

  @Test
  void theFileStopsGrowingUnderCommitsWrittenAtOnce() throws Exception {
    long growing = fileAfterCommits("without", false);
    long compacted = fileAfterCommits("with", true);

    assertThat(compacted).as("bytes with compaction, against %d without", growing).isLessThan(growing / 2);
  }

  @Test
  void anIdleDatabaseIsCompactedToo() throws Exception {
    JdbcDataSource dataSource = dataSource(appH2File("idle") + REUSE_AT_ONCE);
    try (Connection connection = dataSource.getConnection()) {
      commitRounds(connection);
      int before = chunksFillRate(connection);
      H2FileCompaction compaction = new H2FileCompaction(dataSource, OFTEN);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (chunksFillRate(connection) < 2 * before && System.nanoTime() < deadline) {
          Thread.sleep(OFTEN.toMillis());
        }
      } finally {
        compaction.stop();
      }
      assertThat(chunksFillRate(connection)).as("%% of the chunks' pages current, %d before", before)
          .isGreaterThanOrEqualTo(2 * before);
    }
  }

  @Test
  void stopsWhereH2CompactsItselfOrKeepsNoFile() throws Exception {
    H2FileCompaction inMemory = new H2FileCompaction(dataSource("jdbc:h2:mem:compaction"), OFTEN);
    H2FileCompaction withWriteDelay = new H2FileCompaction(dataSource("jdbc:h2:file:" + dir.resolve("delayed")), OFTEN);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((inMemory.running() || withWriteDelay.running()) && System.nanoTime() < deadline) {
      Thread.sleep(OFTEN.toMillis());
    }
    assertThat(inMemory.running()).as("H2 in memory").isFalse();
    assertThat(withWriteDelay.running()).as("H2 with its own background writer").isFalse();
  }

  /** The file's size after rounds of commits, with or without compaction. */
  private long fileAfterCommits(String name, boolean compacting) throws Exception {
    JdbcDataSource dataSource = dataSource(appH2File(name) + REUSE_AT_ONCE);
    H2FileCompaction compaction = compacting ? new H2FileCompaction(dataSource, OFTEN) : null;
    try (Connection connection = dataSource.getConnection()) {
      commitRounds(connection);
      if (compaction != null) {
        compaction.stop();
      }
      // measured while open: H2 compacts for a moment as it closes
      return Files.size(dir.resolve(name + ".mv.db"));
    }
  }

  /** Rounds of small transactions on indexed tables, as the engine's. */
  private static void commitRounds(Connection connection) throws SQLException {
    createTables(connection);
    connection.setAutoCommit(false);
    PreparedStatement job = connection.prepareStatement("insert into job values (?, ?, current_timestamp, ?)");
    PreparedStatement jobDone = connection.prepareStatement("delete from job where id = ?");
    PreparedStatement history = connection.prepareStatement("insert into history values (?, ?, current_timestamp, ?)");
    PreparedStatement status = connection.prepareStatement("merge into xep key (number) values (?, 'Deferred')");
    String text = "x".repeat(400);
    for (int i = 0; i < 2000; i++) {
      job.setInt(1, i);
      job.setString(2, "process-" + i);
      job.setString(3, text);
      job.executeUpdate();
      for (int h = 0; h < 5; h++) {
        history.setString(1, i + "-" + h);
        history.setString(2, "process-" + i);
        history.setString(3, text);
        history.executeUpdate();
      }
      status.setInt(1, i % 100);
      status.executeUpdate();
      connection.commit();
      jobDone.setInt(1, i);
      jobDone.executeUpdate();
      connection.commit();
    }
  }

  /** The share of the pages in H2's chunks that are current, in per cent. */
  private static int chunksFillRate(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet rate = sql.executeQuery("select setting_value from information_schema.settings where setting_name = 'info.CHUNKS_FILL_RATE'")) {
      rate.next();
      return Integer.parseInt(rate.getString(1));
    }
  }

  private static void createTables(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement()) {
      sql.execute("create table job (id int primary key, process varchar(64), due timestamp, handler varchar(400))");
      sql.execute("create index job_process on job (process)");
      sql.execute("create index job_due on job (due)");
      sql.execute("create table history (id varchar(64) primary key, process varchar(64), at timestamp, text varchar(400))");
      sql.execute("create index history_process on history (process)");
      sql.execute("create index history_at on history (at)");
      sql.execute("create table xep (number int primary key, status varchar(20))");
    }
  }

  private String appH2File(String name) throws Exception {
    return "jdbc:h2:file:" + dir.resolve(name) + AppH2Settings.of();
  }

  private static JdbcDataSource dataSource(String url) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    dataSource.setUser("sa");
    return dataSource;
  }
}
