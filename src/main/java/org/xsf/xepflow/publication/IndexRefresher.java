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
 * leads to another rebuild. The registry of protocol namespaces is rebuilt the same way, in the same
 * rebuilds, but only when asked for it ({@link #requestNamespaces}): few changes touch it.
 */
@Component
public class IndexRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRefresher.class);
  /** Rebuilds start at least this many times their duration apart. */
  private static final int TIME_SHARE = 10;
  private final SiteIndex index;
  private final ProtocolNamespaces namespaces;
  private final TransactionTemplate readOnly;
  private final long intervalMillis;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "site-index");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean indexWanted = new AtomicBoolean();
  private final AtomicBoolean namespacesWanted = new AtomicBoolean();
  private volatile long lastStart;
  private volatile long lastDuration;

  public IndexRefresher(SiteIndex index, ProtocolNamespaces namespaces, PlatformTransactionManager transactions,
      @Value("${xepflow.site.index-interval}") Duration interval) {
    this.index = index;
    this.namespaces = namespaces;
    this.intervalMillis = interval.toMillis();
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    readOnly.setReadOnly(true);
    // one snapshot for the XEPs and their versions: a XEP accepted between the two reads had no version
    readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /** Something the index or feed shows was committed. */
  void request() {
    indexWanted.set(true);
    schedule();
  }

  /** Something the registry of protocol namespaces shows was committed. */
  void requestNamespaces() {
    namespacesWanted.set(true);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      worker.schedule(this::rebuild, delay(lastStart, lastDuration, intervalMillis, System.currentTimeMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  /** How long from now the next rebuild waits: an interval, and ten times the last one's duration, after its start. */
  static long delay(long lastStart, long lastDuration, long intervalMillis, long now) {
    return Math.max(0, lastStart + Math.max(intervalMillis, lastDuration * TIME_SHARE) - now);
  }

  /** The registry before the index: once the index shows a change, the registry shows it too if it was asked to. */
  private void rebuild() {
    // cleared before reading: what commits from now on asks for the next rebuild
    scheduled.set(false);
    boolean indexToWrite = indexWanted.getAndSet(false);
    boolean namespacesToWrite = namespacesWanted.getAndSet(false);
    lastStart = System.currentTimeMillis();
    if (namespacesToWrite) {
      try {
        readOnly.executeWithoutResult(tx -> namespaces.write());
      } catch (RuntimeException e) {
        LOG.error("Could not rebuild the registry of protocol namespaces", e);
      }
    }
    if (indexToWrite) {
      try {
        readOnly.executeWithoutResult(tx -> index.write());
      } catch (RuntimeException e) {
        // The database is right; the next change or start rebuilds the index from it.
        LOG.error("Could not rebuild the site index and feed", e);
      }
    }
    lastDuration = System.currentTimeMillis() - lastStart;
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
