package org.xsf.xepflow.publication;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.XepStatus;

/**
 * The site and the sources after what went wrong between a commit and its publication: a failed git
 * commit, a later change published first, a lock a stop left on git's branch (found by a review).
 */
class PublicationRecoveryTest extends LifecycleTestSupport {
  @Value("${xepflow.site.dir}/extensions")
  Path site;
  @Value("${xepflow.source-control.dir}")
  Path sources;
  @Autowired
  SitePublisher publisher;
  @Autowired
  DataSource dataSource;

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
      // stands for the time between T1's commit and its publication (another XEP's publication holding the
      // stripe or git's monitor, the scheduler): a later step on the same XEP commits and publishes meanwhile
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          Thread later = new Thread(() -> transaction.executeWithoutResult(t2 -> {
            xeps.findById(number).orElseThrow().changeStatus(XepStatus.Deferred, "editor", Instant.now(), "probe", "0.2");
            publisher.statusChanged(number, "0.2");
          }));
          later.start();
          try {
            later.join();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
      });
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
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          Thread other = new Thread(() -> {
            String newer = nextVersion(lifecycle, "0.3", "Newer");
            transaction.executeWithoutResult(t2 ->
                xeps.findById(number).orElseThrow().publish("0.3", "xf", "Newer", newer, Instant.now()));
            otherNode.commit(Map.of(number, new SourceControl.Source("0.3", newer)), "XEP-%04d 0.3: Newer".formatted(number),
                numbers -> Map.of(number, "0.3"));
          });
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
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
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    String doc = nextVersion(lifecycle, "0.2", "Kept by a stop");
    transaction.executeWithoutResult(tx ->
        xeps.findById(number).orElseThrow().publish("0.2", "xf", "Kept by a stop", doc, Instant.now()));

    withEveryOtherConnectionHeld(() -> publisher.run(null));

    assertThat(commits(number)).contains("XEP-%04d 0.2: Kept by a stop".formatted(number));
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
