package org.xsf.xepflow.engine;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Compacts the default H2 database's file while the app runs. The app's H2 address writes each
 * commit to the file before the commit returns (WRITE_DELAY=0), and with that setting H2 no longer
 * starts the background thread that compacts its file (h2database#442): every commit writes a chunk
 * of its own, each chunk keeps a few pages that stay current, none is ever freed, and the file grew
 * without end (12 GB after 10,000 deferrals). This does that thread's work: it rewrites the current
 * pages of sparse chunks, whose space H2 then reuses once its retention time has passed. It stops at
 * its first run on PostgreSQL, on H2 in memory, and on H2 with a write delay, whose own thread compacts;
 * and at a failure, which it logs.
 */
@Component
class H2FileCompaction {
  private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);
  /** H2's own background compaction aims at chunks at least this full (its AUTO_COMPACT_FILL_RATE). */
  private static final int TARGET_FILL_RATE = 90;
  /** As often as H2's own thread would run with its default write delay (a third of 500 ms). */
  private static final Duration INTERVAL = Duration.ofMillis(166);

  private final DataSource dataSource;
  /**
   * Found with a connection at the first run (and again should H2 have reopened its database), then
   * compacted without one: a run every 166 ms took a connection from the pool the job threads share,
   * and waiting out the pool's timeout under load would have stopped the compaction for good.
   */
  private MVStore store;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "h2-compaction");
    thread.setDaemon(true);
    return thread;
  });

  @Autowired
  H2FileCompaction(DataSource dataSource) {
    this(dataSource, INTERVAL);
  }

  H2FileCompaction(DataSource dataSource, Duration interval) {
    this.dataSource = dataSource;
    worker.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void compact() {
    try {
      if (store == null || store.isClosed()) {
        store = fileWrittenAtEachCommit();
        if (store == null) {
          worker.shutdown();
          return;
        }
      }
      // as much as H2's own thread rewrites in a run while the database is busy; stored at once, as
      // that thread does: while no one commits, the rewritten pages stayed in memory and every run
      // rewrote the same chunks again (3 % of a core, for as long as the app sat idle)
      if (store.compact(TARGET_FILL_RATE, store.getAutoCommitMemory() / 4)) {
        store.tryCommit();
      }
    } catch (SQLException | RuntimeException e) {
      // once, not every 166 ms: the file grows again until the next start
      LOG.error("Stopped compacting the H2 database file", e);
      worker.shutdown();
    }
  }

  /** The store of an embedded H2 file database that writes each commit at once, or null. */
  private MVStore fileWrittenAtEachCommit() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isWrapperFor(JdbcConnection.class)
          || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
        return null;
      }
      MVStore found = session.getDatabase().getStore().getMvStore();
      return found.isPersistent() && !found.isReadOnly() && found.getAutoCommitDelay() == 0 ? found : null;
    }
  }

  boolean running() {
    return !worker.isShutdown();
  }

  /** Waits for a compaction under way (it writes a bounded amount), so that none runs once the database closes. */
  @PreDestroy
  void stop() throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }
}
