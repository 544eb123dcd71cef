package org.xsf.xepflow.publication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.transaction.TransactionScoped;

/**
 * Brings the site and the git repository of XEP sources in line with the XEPs database once a
 * change is committed: the changed XEPs' pages and sources when the step returns, the index and
 * the feed moments later ({@link IndexRefresher}). A step that rolls back publishes nothing.
 */
@Component
public class SitePublisher implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SitePublisher.class);
  /** By XEP number, what the transaction changed. */
  private final TransactionScoped<Map<Integer, Change>> pending = new TransactionScoped<>(LinkedHashMap::new, this::publishing);

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

  /** The XEP has a new version: its pages, its attic copy and its source. */
  public void xepChanged(int number) {
    changed(number, new Change(true, null));
  }

  /**
   * Only the XEP's status changed: its page shows the new status. Its source is the same, and the
   * attic keeps each version as it was published, so neither is written again (a deferral renders
   * one page instead of two).
   *
   * @param version the XEP's current version, which its page shows
   */
  public void statusChanged(int number, String version) {
    changed(number, new Change(false, version));
  }

  /** A new version, or only a new status of the current version (a new version in the same transaction wins). */
  private record Change(boolean newVersion, String version) {
    Change then(Change later) {
      return newVersion ? this : later;
    }
  }

  /**
   * Pages are rendered before the transaction commits, with the transaction's own data and
   * connection, and written after it commits. Reading them after the commit would take a second
   * connection while the step still holds the first: with every job thread doing so at once (a
   * backlog of timers), the pool ran dry and all waited.
   */
  private void changed(int number, Change change) {
    Map<Integer, Change> changes = pending.current();
    if (changes == null) {
      List<Prepared> prepared = readOnly.execute(tx -> prepare(Map.of(number, change)));
      publish(prepared);
      return;
    }
    changes.merge(number, change, Change::then);
  }

  /** Prepares the transaction's changes before it commits and publishes them once it has. */
  private TransactionSynchronization publishing(Map<Integer, Change> changes) {
    return new TransactionSynchronization() {
      private List<Prepared> prepared = List.of();

      @Override
      public void beforeCommit(boolean readOnly) {
        prepared = prepare(changes);
      }

      @Override
      public void afterCompletion(int status) {
        if (status == STATUS_COMMITTED) {
          publish(prepared);
        }
      }
    };
  }

  /** A XEP's pages and source as they are to be published (no commit message after a change of status). */
  private record Prepared(SiteWriter.XepPages pages, String commitMessage) {
  }

  private List<Prepared> prepare(Map<Integer, Change> changes) {
    List<Prepared> prepared = new ArrayList<>();
    for (Map.Entry<Integer, Change> entry : changes.entrySet()) {
      int number = entry.getKey();
      Change change = entry.getValue();
      try {
        xeps.findById(number).ifPresent(xep -> prepared.add(change.newVersion()
            ? new Prepared(site.pages(xep, true), SourceControl.message(xep))
            : new Prepared(site.statusPage(xep, change.version()), null)));
      } catch (RuntimeException e) {
        // The database is right; the site follows at the XEP's next change or a rebuild.
        LOG.error("Could not render XEP {} for the site", number, e);
      }
    }
    return prepared;
  }

  private void publish(List<Prepared> prepared) {
    for (Prepared xep : prepared) {
      try {
        site.write(xep.pages());
        if (xep.pages().newVersion()) {
          sources.commit(Map.of(xep.pages().number(), xep.pages().document()), xep.commitMessage());
        }
      } catch (RuntimeException e) {
        LOG.error("Could not publish XEP {} to the site", xep.pages().number(), e);
      }
    }
    indexRefresher.request();
  }

  /**
   * A new site folder (or a database filled elsewhere) gets its pages at start. The index and feed
   * are rebuilt in the background, in case the last rebuild before a stop did not happen; until
   * then a new site has none, and the next start publishes it again.
   */
  @Override
  public void run(ApplicationArguments args) {
    if (!site.exists("index.html")) {
      readOnly.executeWithoutResult(tx -> publishPagesAndSources());
    }
    indexRefresher.request();
  }

  /** Rebuilds every XEP page, the index and the feed from the database. */
  public void publishAll() {
    readOnly.executeWithoutResult(tx -> {
      publishPagesAndSources();
      index.write();
    });
  }

  private void publishPagesAndSources() {
    var all = xeps.findAll();
    all.forEach(site::publishXep);
    sources.commit(all, "Sources of the XEPs in the database (" + all.size() + ")");
  }
}
