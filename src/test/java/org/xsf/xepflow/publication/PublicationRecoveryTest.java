package org.xsf.xepflow.publication;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.XepListings;
import org.xsf.xepflow.registry.XepStatus;

/**
 * The site and the sources after what went wrong between a commit and its publication: a failed git
 * commit, a later change published first (by this node or another sharing the site folder), a lock a stop
 * left on git's branch (found by a review).
 */
class PublicationRecoveryTest extends LifecycleTestSupport {
  @Value("${xepflow.site.dir}")
  Path siteDir;
  @Value("${xepflow.site.dir}/extensions")
  Path site;
  @Value("${xepflow.source-control.dir}")
  Path sources;
  @Autowired
  SitePublisher publisher;
  @Autowired
  DataSource dataSource;
  @Autowired
  ShownRevisions revisions;
  @Autowired
  XepListings listings;
  @Autowired
  SiteWriter siteWriter;
  @Autowired
  SiteIndex siteIndex;
  @Autowired
  IndexRefresher indexRefresher;
  @Autowired
  SourceControl sourceControl;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  AutowireCapableBeanFactory beans;
  @Autowired
  PublishedLog publishedLog;

  private List<String> commits(int number) throws Exception {
    return SourceCommits.of(sources, number).stream().map(RevCommit::getShortMessage).toList();
  }

  /** A new version whose git commit failed, then a change of status alone: the log said all was published. */
  @Test
  void aVersionWhoseCommitFailedIsPublishedAtTheNextStartEvenAfterALaterStatusChange() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String doc = nextVersion(lifecycle, "0.2", "Commit failed");
    // the source cannot be written (a git lock would not do: the commit removes one that it finds)
    Path source = sources.resolve("xep-%04d.xml".formatted(number));
    Files.delete(source);
    Files.createDirectory(source);
    try {
      transaction.executeWithoutResult(tx -> {
        xeps.findById(number).orElseThrow().publish("0.2", "xf", "Commit failed", doc, Instant.now());
        publisher.xepChanged(number);
      });
    } finally {
      Files.delete(source);
    }
    transaction.executeWithoutResult(tx -> {
      xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.2");
      publisher.statusChanged(number, "0.2");
    });
    assertThat(commits(number)).doesNotContain("XEP-%04d 0.2: Commit failed".formatted(number));

    publisher.run(null);

    assertThat(commits(number)).contains("XEP-%04d 0.2: Commit failed".formatted(number));
  }

  /** T1 commits 0.2 Experimental; T2 commits Deferred and publishes before T1 takes the XEP's lock. */
  @Test
  void anOlderStateIsNotWrittenOverANewerOne() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String doc = nextVersion(lifecycle, "0.2", "Race");
    transaction.executeWithoutResult(tx -> {
      beforeItsPublication(() -> transaction.executeWithoutResult(t2 -> {
        xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.2");
        publisher.statusChanged(number, "0.2");
      }));
      xeps.findById(number).orElseThrow().publish("0.2", "xf", "Race", doc, Instant.now());
      publisher.xepChanged(number);
    });

    XepStatus stored = transaction.execute(tx -> xeps.findById(number).orElseThrow().getStatus());
    assertThat(stored).isEqualTo(XepStatus.Deferred);
    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number))))
        .contains("<td class=\"status\">Deferred</td>");
  }

  /**
   * Another node (sharing the repository) commits 0.3 to the database and its source to git between this
   * node's commit of 0.2 and its publication: 0.2's source is not committed over 0.3's.
   */
  @Test
  void anOlderVersionIsNotCommittedOverANewerOneAnotherNodeCommittedFirst() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String older = nextVersion(lifecycle, "0.2", "Older");
    SourceControl otherNode = new SourceControl(sources, "XMPP Extensions Editor", "editor@xmpp.org");
    transaction.executeWithoutResult(tx -> {
      beforeItsPublication(() -> {
        String newer = nextVersion(lifecycle, "0.3", "Newer");
        transaction.executeWithoutResult(t2 ->
            xeps.findById(number).orElseThrow().publish("0.3", "xf", "Newer", newer, Instant.now()));
        otherNode.commit(Map.of(number, new SourceControl.Source("0.3", newer)), "XEP-%04d 0.3: Newer".formatted(number),
            numbers -> Map.of(number, "0.3"));
      });
      xeps.findById(number).orElseThrow().publish("0.2", "xf", "Older", older, Instant.now());
      publisher.xepChanged(number);
    });

    assertThat(commits(number).get(0)).isEqualTo("XEP-%04d 0.3: Newer".formatted(number));
    assertThat(commits(number)).doesNotContain("XEP-%04d 0.2: Older".formatted(number));
    assertThat(Files.readString(sources.resolve("xep-%04d.xml".formatted(number)))).contains("<version>0.3</version>");
  }

  /**
   * The Editor publishes a new version while every other connection of the pool is held, as by as many
   * publications waiting for the repository's lock: the check of the XEP's current version under the lock needs
   * none of them. It took a second connection, so the step waited for the pool's timeout (30 s) and its source was
   * left to the next start.
   */
  @Test
  void aNewVersionsSourceIsCommittedWithEveryOtherConnectionOfThePoolHeld() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "One connection")));
    ProcessInstance review = called(lifecycle, "new-version");

    withEveryOtherConnectionHeld(() -> {
      complete("editor", review.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
      runDueJobs(review.getId());
    });

    assertThat(commits(number)).contains("XEP-%04d 0.2: One connection".formatted(number));
  }

  /** The start publishes, with every other connection held, a version a stop kept from being published. */
  @Test
  void aStartPublishesAVersionAStopKeptFromItWithEveryOtherConnectionOfThePoolHeld() throws Exception {
    int number = versionKeptFromPublication("Kept by a stop");

    withEveryOtherConnectionHeld(() -> publisher.run(null));

    assertThat(commits(number)).contains("XEP-%04d 0.2: Kept by a stop".formatted(number));
  }

  /**
   * A step that publishes a XEP holds its connection while it waits for the XEP's lock; with the pool's last
   * connection held so, a rebuild (an import's) that took the lock first waited for the pool (30 s) while the
   * step waited for the lock, and left the XEP out. The rebuild takes the lock once it holds its connection.
   */
  @Test
  void aRebuildHoldsNoXepsLockWhileItWaitsForAConnection() throws Exception {
    accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    // the rebuild's first XEP
    int first = transaction.execute(tx -> listings.all().get(0).number());
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    FutureTask<Void> rebuild = new FutureTask<>(publisher::publishAll, null);
    FutureTask<Void> step = new FutureTask<>(() -> transaction.executeWithoutResult(tx -> publisher.xepChanged(first)), null);
    Thread rebuilding = new Thread(rebuild, "rebuild");
    Thread stepping = new Thread(step, "step");
    List<Connection> held = new ArrayList<>();
    try {
      // both wait for the XEP's lock, the rebuild first
      try (ShownRevisions.Held lock = revisions.hold(first)) {
        rebuilding.start();
        awaitTheXepsLock(rebuilding);
        stepping.start();
        awaitTheXepsLock(stepping);
        for (int free = pool.getMaximumPoolSize() - pool.getHikariPoolMXBean().getActiveConnections(); free > 0; free--) {
          held.add(pool.getConnection());
        }
      }

      step.get(10, TimeUnit.SECONDS);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
      rebuilding.join(60_000);
      stepping.join(60_000);
    }
    rebuild.get();
  }

  /** Until the thread waits for a XEP's lock, within ten seconds. */
  private static void awaitTheXepsLock(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Arrays.stream(thread.getStackTrace()).noneMatch(frame -> frame.getClassName().equals(ShownRevisions.class.getName())
        && frame.getMethodName().equals("hold")) || thread.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("%s waits for the XEP's lock", thread.getName()).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** Runs the step in a thread of its own while this one holds every connection of the pool but one. */
  private void withEveryOtherConnectionHeld(Runnable step) throws Exception {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    Thread[] stepThread = new Thread[1];
    ExecutorService stepping = Executors.newSingleThreadExecutor(task -> stepThread[0] = new Thread(task, "step"));
    List<Connection> held = new ArrayList<>();
    try {
      while (held.size() < pool.getMaximumPoolSize() - 1) {
        held.add(pool.getConnection());
      }
      Future<?> done = stepping.submit(step);
      try {
        done.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        AssertionError waiting = new AssertionError("The step still runs after 10 s, where this error's stack trace is");
        waiting.setStackTrace(stepThread[0].getStackTrace());
        throw waiting;
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
      stepping.shutdown();
      assertThat(stepping.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * This node commits a deferral; another node sharing the site folder commits a new version after it and
   * publishes it first: the deferral's page, of the earlier revision, is not written over it.
   */
  @Test
  void aPageIsNotWrittenOverTheLaterOneAnotherNodePublishedFirst() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String newer = nextVersion(lifecycle, "0.2", "Newer");
    SitePublisher otherNode = otherNode();
    transaction.executeWithoutResult(tx -> {
      beforeItsPublication(() -> transaction.executeWithoutResult(t2 -> {
        xeps.findById(number).orElseThrow().publish("0.2", "xf", "Newer", newer, Instant.now());
        otherNode.xepChanged(number);
      }));
      xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.1");
      publisher.statusChanged(number, "0.1");
    });

    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number))))
        .contains("<td class=\"status\">Deferred</td>").contains("<td>0.2</td>");
    assertThat(Files.readString(site.resolve("xep-%04d.xml".formatted(number)))).contains("<version>0.2</version>");
  }

  /**
   * This node commits a new version; another node commits a deferral after it and publishes its page first:
   * the version's page is not written over it, but its document, attic copy and source are still published.
   */
  @Test
  void aVersionWhosePageAnotherNodeWroteFirstStillPublishesItsDocumentAtticCopyAndSource() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String doc = nextVersion(lifecycle, "0.2", "Overtaken");
    SitePublisher otherNode = otherNode();
    transaction.executeWithoutResult(tx -> {
      beforeItsPublication(() -> transaction.executeWithoutResult(t2 -> {
        xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.2");
        otherNode.statusChanged(number, "0.2");
      }));
      xeps.findById(number).orElseThrow().publish("0.2", "xf", "Overtaken", doc, Instant.now());
      publisher.xepChanged(number);
    });

    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number))))
        .contains("<td class=\"status\">Deferred</td>").contains("<td>0.2</td>");
    assertThat(Files.readString(site.resolve("xep-%04d.xml".formatted(number)))).contains("<version>0.2</version>");
    assertThat(Files.readString(site.resolve("attic/xep-%04d-0.2.html".formatted(number))))
        .contains("<td class=\"status\">Experimental</td>");
    assertThat(commits(number).get(0)).isEqualTo("XEP-%04d 0.2: Overtaken".formatted(number));
  }

  /**
   * Another node publishes a later version first: this node's version keeps its attic copy, but neither its
   * page nor its document is written over the later version's.
   */
  @Test
  void aVersionIsNotWrittenOverALaterOneAnotherNodePublishedFirst() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String older = nextVersion(lifecycle, "0.2", "Older");
    SitePublisher otherNode = otherNode();
    transaction.executeWithoutResult(tx -> {
      beforeItsPublication(() -> {
        String newer = nextVersion(lifecycle, "0.3", "Newer");
        transaction.executeWithoutResult(t2 -> {
          xeps.findById(number).orElseThrow().publish("0.3", "xf", "Newer", newer, Instant.now());
          otherNode.xepChanged(number);
        });
      });
      xeps.findById(number).orElseThrow().publish("0.2", "xf", "Older", older, Instant.now());
      publisher.xepChanged(number);
    });

    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number)))).contains("<td>0.3</td>");
    assertThat(Files.readString(site.resolve("xep-%04d.xml".formatted(number)))).contains("<version>0.3</version>");
    assertThat(site.resolve("attic/xep-%04d-0.2.xml".formatted(number))).exists();
    assertThat(commits(number)).doesNotContain("XEP-%04d 0.2: Older".formatted(number));
  }

  /**
   * The site folder kept while the database was replaced (reset, restored from a backup): the revision it
   * recorded of a XEP is above any the database has of it, and holds none of its changes back.
   */
  @Test
  void aRevisionRecordedWithAnotherDatabaseHoldsNoPageBack() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    try (ShownRevisions.Held held = revisions.hold(number)) {
      held.record(new ShownRevisions.Shown(1_000_000, 1_000_000));
    }

    transaction.executeWithoutResult(tx -> {
      xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.1");
      publisher.statusChanged(number, "0.1");
    });

    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number)))).contains("<td class=\"status\">Deferred</td>");
    int committed = transaction.execute(tx -> xeps.findById(number).orElseThrow().getRevision());
    assertThat(revisions.shown(number).page()).isEqualTo(committed);
  }

  /**
   * A rebuild (an import's) writes a XEP's pages, then, while it writes the next XEP's, the first is deferred and
   * its page published: the rebuild's one commit still holds the first XEP's source, which the deferral does not
   * commit. Left out of it as if a later version had been published, its source stayed at the earlier version.
   */
  @Test
  void aRebuildCommitsTheSourceOfAXepDeferredWhileItRuns() throws Exception {
    int number = versionKeptFromPublication("Rebuilt");
    int next = number(accept("author1", "inbox/pubsub-uri.xml", "Standards Track"));
    SiteWriter writing = Mockito.spy(siteWriter);
    Mockito.doAnswer(call -> {
      call.callRealMethod();
      if (call.<SiteWriter.XepPages>getArgument(0).number() == next) {
        inAnotherThread(() -> transaction.executeWithoutResult(tx -> {
          xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.2");
          publisher.statusChanged(number, "0.2");
        }));
      }
      return null;
    }).when(writing).write(Mockito.any(SiteWriter.XepPages.class));
    SitePublisher rebuilding = new SitePublisher(xeps, listings, writing, siteIndex, indexRefresher, sourceControl,
        publishedLog, revisions, transactionManager, 2_000);
    beans.autowireBean(rebuilding);

    rebuilding.publishAll();

    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number)))).contains("<td class=\"status\">Deferred</td>");
    assertThat(Files.readString(sources.resolve("xep-%04d.xml".formatted(number)))).contains("<version>0.2</version>");
  }

  /**
   * A rebuild (a new site folder, an import) commits the sources a few XEPs at a time: holding every XEP's until
   * one commit, 100,000 XEPs ran the JVM out of heap at start.
   */
  @Test
  void aRebuildCommitsTheSourcesAFewXepsAtATime() throws Exception {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      numbers.add(versionKeptFromPublication("Rebuilt " + i));
    }
    SitePublisher rebuilding = new SitePublisher(xeps, listings, siteWriter, siteIndex, indexRefresher, sourceControl,
        publishedLog, revisions, transactionManager, 2);
    beans.autowireBean(rebuilding);

    rebuilding.publishAll();

    List<RevCommit> latest = new ArrayList<>();
    for (int number : numbers) {
      assertThat(Files.readString(sources.resolve("xep-%04d.xml".formatted(number)))).contains("<version>0.2</version>");
      latest.add(SourceCommits.of(sources, number).get(0));
    }
    assertThat(latest).extracting(RevCommit::getShortMessage)
        .allMatch(message -> message.matches("Sources of the XEPs in the database \\([12]\\)"));
    assertThat(latest.stream().map(RevCommit::getId).distinct()).hasSizeGreaterThan(1);
  }

  /** A new XEP's version 0.2 committed to the database and not published, as a stop between the two leaves it. */
  private int versionKeptFromPublication(String remark) {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String doc = nextVersion(lifecycle, "0.2", remark);
    transaction.executeWithoutResult(tx ->
        xeps.findById(number).orElseThrow().publish("0.2", "xf", remark, doc, Instant.now()));
    return number;
  }

  private static void inAnotherThread(Runnable work) throws InterruptedException {
    Thread thread = new Thread(work);
    thread.start();
    thread.join();
  }

  /**
   * Another node sharing the site folder and the repository: a publisher of its own, with its own memory of
   * the log, as the app makes it.
   */
  private SitePublisher otherNode() {
    SitePublisher other = new SitePublisher(xeps, listings, siteWriter, siteIndex, indexRefresher, sourceControl,
        new PublishedLog(siteDir), new ShownRevisions(siteDir), transactionManager, 2_000);
    beans.autowireBean(other);
    return other;
  }

  /**
   * The current transaction's commit is followed by this, on another thread, before its publication: it stands
   * for the time between the two (another XEP's publication holding the XEP's lock or git's, the scheduler), in
   * which a later step on the same XEP commits and publishes.
   */
  private void beforeItsPublication(Runnable later) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        Thread thread = new Thread(later);
        thread.start();
        try {
          thread.join();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    });
  }

  /** A stop in the middle of the ref update leaves refs/heads/main.lock, which the start did not remove. */
  @Test
  void aLockAStopLeftOnTheBranchIsRemovedAtStart() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    Path lock = Files.writeString(sources.resolve(".git").resolve("refs").resolve("heads").resolve("main.lock"),
        "0000000000000000000000000000000000000000\n");
    try {
      publisher.run(null);
      String doc = nextVersion(lifecycle, "0.2", "After the start");
      transaction.executeWithoutResult(tx -> {
        xeps.findById(number).orElseThrow().publish("0.2", "xf", "After the start", doc, Instant.now());
        publisher.xepChanged(number);
      });
      assertThat(commits(number)).contains("XEP-%04d 0.2: After the start".formatted(number));
    } finally {
      Files.deleteIfExists(lock);
    }
  }
}
