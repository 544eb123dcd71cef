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
 * rebuild per interval instead of one per change. A change committed after a rebuild began
 * always leads to another rebuild.
 */
@Component
public class IndexRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRefresher.class);
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

  public IndexRefresher(SiteIndex index, PlatformTransactionManager transactions,
      @Value("${xepflow.site.index-interval}") Duration interval) {
    this.index = index;
    this.intervalMillis = interval.toMillis();
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    readOnly.setReadOnly(true);
  }

  /** Something the index or feed shows was committed. */
  void request() {
    if (scheduled.compareAndSet(false, true)) {
      long wait = Math.max(0, lastStart + intervalMillis - System.currentTimeMillis());
      worker.schedule(this::rebuild, wait, TimeUnit.MILLISECONDS);
    }
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
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
