package org.xsf.xepflow.publication;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.registry.XepRepository;

/**
 * Brings the site and the git repository of XEP sources in line with the XEPs database once a
 * change is committed: the changed XEPs' pages and sources when the step returns, the index and
 * the feed moments later ({@link IndexRefresher}). A step that rolls back publishes nothing.
 */
@Component
public class SitePublisher implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SitePublisher.class);
  private static final String PENDING = SitePublisher.class.getName() + ".pending";

  private final XepRepository xeps;
  private final SiteWriter site;
  private final SiteIndex index;
  private final SourceControl sources;
  private final TransactionTemplate readOnly;
  private final IndexRefresher indexRefresher;

  public SitePublisher(XepRepository xeps, SiteWriter site, SiteIndex index, IndexRefresher indexRefresher,
      SourceControl sources, PlatformTransactionManager transactions) {
    this.xeps = xeps;
    this.site = site;
    this.index = index;
    this.indexRefresher = indexRefresher;
    this.sources = sources;
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    readOnly.setReadOnly(true);
  }

  /** The XEP changed (new version or status): republish it after the transaction commits. */
  public void xepChanged(int number) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      publish(Set.of(number));
      return;
    }
    @SuppressWarnings("unchecked")
    Set<Integer> pending = (Set<Integer>) TransactionSynchronizationManager.getResource(PENDING);
    if (pending == null) {
      Set<Integer> changed = new LinkedHashSet<>();
      TransactionSynchronizationManager.bindResource(PENDING, changed);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
          if (status == STATUS_COMMITTED) {
            publish(changed);
          }
        }
      });
      pending = changed;
    }
    pending.add(number);
  }

  private void publish(Set<Integer> numbers) {
    try {
      readOnly.executeWithoutResult(tx -> {
        for (Integer number : numbers) {
          xeps.findById(number).ifPresent(xep -> {
            site.publishXep(xep);
            sources.commit(List.of(xep), SourceControl.message(xep));
          });
        }
      });
      indexRefresher.request();
    } catch (RuntimeException e) {
      // The database is right; the site is rebuilt from it at the next change or start.
      LOG.error("Could not publish XEPs {} to the site", numbers, e);
    }
  }

  /**
   * A new site folder (or a database filled elsewhere) gets its pages at start; otherwise the index
   * and feed are rebuilt, in case the last rebuild before a stop did not happen.
   */
  @Override
  public void run(ApplicationArguments args) {
    if (!site.exists("index.html")) {
      publishAll();
    } else {
      indexRefresher.request();
    }
  }

  /** Rebuilds every XEP page, the index and the feed from the database. */
  public void publishAll() {
    readOnly.executeWithoutResult(tx -> {
      var all = xeps.findAll();
      all.forEach(site::publishXep);
      sources.commit(all, "Sources of the XEPs in the database (" + all.size() + ")");
      index.write();
    });
  }
}
