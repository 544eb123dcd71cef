package org.xsf.xepflow.publication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.publication.ShownRevisions.Shown;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepListing;
import org.xsf.xepflow.registry.XepListings;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepVersion;
import org.xsf.xepflow.transaction.AfterCommit;
import org.xsf.xepflow.transaction.TransactionScoped;

/**
 * Brings the site and the git repository of XEP sources in line with the XEPs database once a
 * change is committed: the changed XEPs' pages and sources when the step returns, the index and
 * the feed moments later ({@link IndexRefresher}). A step that rolls back publishes nothing; what a
 * stop kept from being published after its commit is published at the next start ({@link PublishedLog}).
 * Each XEP is published in the order of its changes' commits, on every node that shares the site folder
 * ({@link ShownRevisions}).
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
  private final PublishedLog log;
  private final XepListings listings;
  /**
   * One XEP is published by one thread at a time, on any node, whatever the step: an import's rebuild read
   * every XEP, then wrote pages a deferral committed meanwhile had already written, with the old status.
   */
  private final ShownRevisions revisions;
  /**
   * A rebuild commits its sources this many XEPs at a time: held until one commit, 100,000 XEPs' ran the JVM
   * out of heap at start; a commit per XEP writes a tree of every file each time.
   */
  private final int sourcesPerCommit;
  @PersistenceContext
  private EntityManager entityManager;

  public SitePublisher(XepRepository xeps, XepListings listings, SiteWriter site,
      SiteIndex index, IndexRefresher indexRefresher, SourceControl sources, PublishedLog log,
      ShownRevisions revisions, PlatformTransactionManager transactions,
      @Value("${xepflow.site.sources-per-commit:2000}") int sourcesPerCommit) {
    this.xeps = xeps;
    this.sourcesPerCommit = sourcesPerCommit;
    this.revisions = revisions;
    this.listings = listings;
    this.log = log;
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

  /**
   * The Editor recorded a registration of protocol namespaces: the registry of them is rebuilt in the
   * background once the step commits (not at all if it rolls back).
   */
  public void namespacesRegistered() {
    AfterCommit.run(indexRefresher::requestNamespaces);
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
   * backlog of timers), the pool ran dry and all waited. Outside of a transaction, the change is
   * published after a read-only one of its own, as a step's.
   */
  private void changed(int number, Change change) {
    Map<Integer, Change> changes = pending.current();
    if (changes == null) {
      readOnly.executeWithoutResult(tx -> changed(number, change));
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
        // the XEPs' revisions as they are committed, so that publications keep the order of the commits
        entityManager.flush();
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

  /**
   * A XEP's pages and source as they are to be published (no commit message after a change of
   * status), and the XEP's revision they show.
   */
  private record Prepared(SiteWriter.XepPages pages, String commitMessage, int revision) {
  }

  private List<Prepared> prepare(Map<Integer, Change> changes) {
    List<Prepared> prepared = new ArrayList<>();
    for (Map.Entry<Integer, Change> entry : changes.entrySet()) {
      int number = entry.getKey();
      Change change = entry.getValue();
      try {
        xeps.findById(number).ifPresent(xep -> prepared.add(change.newVersion()
            ? new Prepared(site.pages(xep, true), commitMessage(xep), xep.getRevision())
            : new Prepared(site.statusPage(xep, change.version()), null, xep.getRevision())));
      } catch (RuntimeException e) {
        // The database is right; the site follows at the XEP's next change or a rebuild.
        LOG.error("Could not render XEP {} for the site", number, e);
      }
    }
    return prepared;
  }

  /**
   * Writes what a later change of the XEP, committed after this one and published first (on any node), did
   * not write already: its page, unless a later change's page is there; a new version's document, unless a
   * later version's is there (a later change of status alone leaves it to this one); a new version's attic
   * copy and source whatever came after (the attic keeps every version, and the sources have their order of
   * their own, see {@link SourceControl#commit}).
   */
  private void publish(List<Prepared> prepared) {
    for (Prepared xep : prepared) {
      SiteWriter.XepPages pages = xep.pages();
      int number = pages.number();
      int revision = xep.revision();
      try (ShownRevisions.Held held = revisions.hold(number)) {
        Shown shown = shown(held, number, revision);
        boolean page = revision >= shown.page();
        boolean document = pages.newVersion() && revision >= shown.document();
        site.write(pages, page, document);
        Shown now = new Shown(page ? revision : shown.page(), document ? revision : shown.document());
        if (!now.equals(shown)) {
          held.record(now);
        }
        if (pages.newVersion()) {
          sources.commit(Map.of(number, source(pages)), xep.commitMessage(), this::currentVersions);
        }
        // the log says what the page shows (a page not written: the later change's publication says it)
        if (page) {
          // a status alone leaves what the log says of the version: if its own publication failed, the start makes it up
          String version = pages.newVersion() ? pages.version() : Objects.requireNonNullElse(log.versionShown(number), pages.version());
          log.published(number, version, pages.status());
        }
      } catch (RuntimeException e) {
        LOG.error("Could not publish XEP {} to the site", number, e);
      }
    }
    if (prepared.stream().anyMatch(xep -> ProtocolNamespaces.mayList(xep.pages().status()))) {
      // the registry shows the XEPs' statuses
      indexRefresher.requestNamespaces();
    }
    indexRefresher.request();
  }

  /**
   * What the site shows of the XEP, but nothing of a later revision than the database has: a site folder kept
   * when the database was replaced (reset, restored from a backup). Asked only when the site shows a later
   * revision than this publication's, which is rare: a publication records its revision after its commit, so
   * the database, read under the XEP's lock, has every revision of its own that the site shows.
   */
  private Shown shown(ShownRevisions.Held held, int number, int revision) {
    Shown shown = held.shown();
    if (revision >= shown.page()) {
      return shown;
    }
    int committed = onCommittedConnection(() -> entityManager
        .createQuery("select x.revision from Xep x where x.number = :number", Integer.class)
        .setParameter("number", number).getResultStream().findFirst().orElse(-1));
    return shown.page() <= committed ? shown : ShownRevisions.NONE;
  }

  private static SourceControl.Source source(SiteWriter.XepPages pages) {
    return new SourceControl.Source(pages.version(), pages.document());
  }

  /** The commit message for one XEP's new version: "XEP-0421 1.0.1: Fixed typo". */
  private static String commitMessage(Xep xep) {
    XepVersion version = xep.currentVersion();
    return xep.label() + " " + version.getVersion() + ": " + (version.getRemark() == null ? "" : version.getRemark());
  }

  /**
   * The XEPs' current versions, which the sources' commit asks for under the repository's lock: another node
   * may have committed a later version of a XEP's source since this node committed this version to the
   * database (the revision the site shows, {@link ShownRevisions}, would not do: a change of status counts it up too). Asked only for new versions and
   * rebuilds, whose sources change, never for a change of status alone.
   * <p>
   * Sources are committed once a transaction has committed, in its afterCompletion, while Spring still holds
   * its connection (and Hibernate its session on it): the versions are read on that connection, in a
   * transaction of their own begun under the lock and rolled back, so the connection goes back to the pool as
   * the commit left it. A second connection from the pool, asked for while holding the first, waited for the
   * pool's timeout (30 s) and failed when as many publications as the pool has connections waited for the lock,
   * each holding one; a pool of the lock holder's own would be a second set of connections to configure. Begun
   * under the lock, the transaction sees every version committed before this node took the lock (another node
   * commits its version to the database before it takes the lock), whatever its isolation level.
   */
  private Map<Integer, String> currentVersions(Set<Integer> numbers) {
    return onCommittedConnection(() -> listings.currentVersionsOf(numbers));
  }

  /**
   * Reads, once a transaction has committed and before Spring lets go of its connection, on that connection
   * (see {@link #currentVersions}): publications read under a lock that others wait for, each holding a
   * connection of the pool.
   */
  private <T> T onCommittedConnection(Supplier<T> read) {
    EntityManager committed = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManager.getEntityManagerFactory());
    if (committed == null) {
      throw new IllegalStateException("Publications read after a transaction's commit, on its connection");
    }
    EntityTransaction transaction = committed.getTransaction();
    transaction.begin();
    try {
      return read.get();
    } finally {
      // nothing written is kept; it detaches the step's entities, as the step's end does a moment later
      transaction.rollback();
    }
  }

  /**
   * Publishes these XEPs, each as the database has it when its turn comes: its pages, its attic copy
   * and its source, committed for each XEP or, for many at once (a new site, an import), in a commit per
   * {@link #sourcesPerCommit} of them (a commit per XEP writes a tree of every file each time: a repository the
   * square of their number).
   */
  private void republish(Collection<Integer> numbers, boolean together) {
    if (!together) {
      // each as a step's new version: read before its (read-only) transaction commits, published after
      numbers.forEach(this::xepChanged);
      return;
    }
    Map<Integer, Rebuilt> sourcesToCommit = new LinkedHashMap<>();
    for (int number : numbers) {
      // the connection first, then the XEP's lock: steps publishing the XEP wait for the lock each holding a
      // connection, and a lock's holder waiting for the pool waited for them (30 s) when they held the last one
      try {
        readOnly.executeWithoutResult(tx -> {
          try (ShownRevisions.Held held = revisions.hold(number)) {
            xeps.findById(number).ifPresent(xep -> {
              SiteWriter.XepPages pages = site.pages(xep, true);
              site.write(pages);
              // read under the XEP's lock (its first statement), the database has every revision of its own that
              // the site shows: a later one recorded is another database's (the site folder kept when it was
              // replaced), and goes
              held.record(new Shown(xep.getRevision(), xep.getRevision()));
              sourcesToCommit.put(number, new Rebuilt(source(pages), pages.status(), xep.getRevision()));
            });
          }
        });
      } catch (RuntimeException e) {
        LOG.error("Could not publish XEP {} to the site", number, e);
      }
      if (sourcesToCommit.size() == sourcesPerCommit) {
        commitTogether(sourcesToCommit);
      }
    }
    if (!sourcesToCommit.isEmpty()) {
      commitTogether(sourcesToCommit);
    }
  }

  /** What a rebuild keeps of a XEP until its source is committed: not its pages, written already. */
  private record Rebuilt(SourceControl.Source source, String status, int revision) {
  }

  /**
   * Runs the work once a read-only transaction of its own has committed, on its connection, as a step's
   * publication (see {@link #currentVersions}), and throws what it threw (Spring logs and drops what an
   * afterCompletion throws).
   */
  private void afterReadOnlyCommit(Runnable work) {
    List<RuntimeException> thrown = new ArrayList<>();
    readOnly.executeWithoutResult(tx -> AfterCommit.run(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        thrown.add(e);
      }
    }));
    if (!thrown.isEmpty()) {
      throw thrown.get(0);
    }
  }

  /**
   * One commit of what the rebuild read since the last, but for the XEPs a step published a later version of meanwhile, on any
   * node, with its source (and of those whose current version is another now, see {@link #currentVersions}). A
   * later change of status alone commits no source: left out, the XEP's stayed at an earlier version. The log
   * says what each page shows: not the rebuild's of a page a later change's publication wrote over.
   */
  private void commitTogether(Map<Integer, Rebuilt> read) {
    afterReadOnlyCommit(() -> {
      Map<Integer, Shown> shown = new LinkedHashMap<>();
      read.keySet().forEach(number -> shown.put(number, revisions.shown(number)));
      read.entrySet().removeIf(xep -> shown.get(xep.getKey()).document() > xep.getValue().revision());
      Map<Integer, SourceControl.Source> documents = new LinkedHashMap<>();
      read.forEach((number, xep) -> documents.put(number, xep.source()));
      sources.commit(documents, "Sources of the XEPs in the database (" + documents.size() + ")", this::currentVersions);
      read.entrySet().removeIf(xep -> shown.get(xep.getKey()).page() > xep.getValue().revision());
      read.forEach((number, xep) -> log.published(number, xep.source().version(), xep.status()));
    });
    read.clear();
  }

  /**
   * At start: a new site folder (or a database filled elsewhere) gets every XEP's pages; otherwise
   * the XEPs whose last change a stop kept from being published (the page, attic and source follow
   * the commit) are published now (tmp/ is {@link ProvisionalCopies}'). The index, the feed and the
   * registry of protocol namespaces are rebuilt in the background, in case the last rebuild before a stop
   * did not happen (or this version of xepflow is the first to publish it).
   */
  @Override
  public void run(ApplicationArguments args) {
    sources.removeStaleLocks();
    Map<Integer, String> registry = readOnly.execute(tx -> listings.all().stream()
        .collect(Collectors.toMap(XepListing::number, xep -> PublishedLog.shown(xep.version(), xep.status().name()))));
    if (!site.exists("index.html")) {
      republish(registry.keySet(), true);
    } else if (!log.exists()) {
      // a site published before the log was kept: taken as it is
      log.rewrite(registry);
    } else {
      Map<Integer, String> shown = log.read();
      List<Integer> behind = registry.entrySet().stream().filter(xep -> !xep.getValue().equals(shown.get(xep.getKey())))
          .map(Map.Entry::getKey).sorted().toList();
      if (!behind.isEmpty()) {
        LOG.warn("Publishing {} XEPs whose last change was not published before the last stop: {}", behind.size(), behind);
        republish(behind, false);
      }
      log.compact();
    }
    indexRefresher.requestNamespaces();
    indexRefresher.request();
  }

  /** Rebuilds every XEP page, the index, the feed and the registry of protocol namespaces from the database. */
  public void publishAll() {
    republish(readOnly.execute(tx -> listings.all().stream().map(XepListing::number).toList()), true);
    readOnly.executeWithoutResult(tx -> index.write());
    indexRefresher.requestNamespaces();
  }
}
