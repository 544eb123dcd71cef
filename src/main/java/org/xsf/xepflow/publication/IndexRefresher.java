package org.xsf.xepflow.publication;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the site index and feed in the background after changes, at most once per interval:
 * each rebuild reads the whole registry, so a burst of changes (a backlog of deferrals) costs a
 * rebuild per interval instead of one per change. Rebuilds are also spaced so that they take at
 * most a tenth of the time: with 10,000 XEPs one took 0.3 s on H2, and one a second took 22 s of
 * the 79 s that a backlog of 10,000 deferrals ran. A change committed after a rebuild began always
 * leads to another rebuild.
 */
@Component
public class IndexRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRefresher.class);
  /** Rebuilds start at least this many times their duration apart. */
  private static final int TIME_SHARE = 10;
  private final SiteIndex index;
  private final TransactionTemplate readOnly;
  private final long intervalMillis;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "site-index");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile long lastStart;
  private volatile long lastDuration;

  public IndexRefresher(SiteIndex index, PlatformTransactionManager transactions,
      @Value("${xepflow.site.index-interval}") Duration interval) {
    this.index = index;
    this.intervalMillis = interval.toMillis();
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    readOnly.setReadOnly(true);
    // one snapshot for the XEPs and their versions: a XEP accepted between the two reads had no version
    readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /** Something the index or feed shows was committed. */
  void request() {
    if (scheduled.compareAndSet(false, true)) {
      worker.schedule(this::rebuild, delay(lastStart, lastDuration, intervalMillis, System.currentTimeMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  /** How long from now the next rebuild waits: an interval, and ten times the last one's duration, after its start. */
  static long delay(long lastStart, long lastDuration, long intervalMillis, long now) {
    return Math.max(0, lastStart + Math.max(intervalMillis, lastDuration * TIME_SHARE) - now);
  }

  private void rebuild() {
    // cleared before reading: what commits from now on asks for the next rebuild
    scheduled.set(false);
    lastStart = System.currentTimeMillis();
    try {
      readOnly.executeWithoutResult(tx -> index.write());
    } catch (RuntimeException e) {
      // The database is right; the next change or start rebuilds the index from it.
      LOG.error("Could not rebuild the site index and feed", e);
    }
    lastDuration = System.currentTimeMillis() - lastStart;
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
