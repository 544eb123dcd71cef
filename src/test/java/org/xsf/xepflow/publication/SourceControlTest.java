package org.xsf.xepflow.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes committing to one repository of XEP sources: nodes in this JVM (as the tests' application
 * contexts are), a node in a JVM of its own, and a node killed in the middle of a commit.
 */
class SourceControlTest {
  /** The database knows nothing of these XEPs: every source is committed. */
  private static final SourceControl.CurrentVersions UNKNOWN = numbers -> Map.of();
  @TempDir
  Path sources;

  private static SourceControl node(Path directory) {
    return new SourceControl(directory, "XMPP Extensions Editor", "editor@xmpp.org");
  }

  private static void commit(SourceControl node, int number, String version) {
    node.commit(Map.of(number, new SourceControl.Source(version, document(number, version))),
        "XEP-%04d %s".formatted(number, version), UNKNOWN);
  }

  private static String document(int number, String version) {
    return "<xep><number>%04d</number><version>%s</version></xep>\n".formatted(number, version);
  }

  @Test
  void twoNodesCommittingFromManyThreadsAtOnceLoseNoCommit() throws Exception {
    // the same folder, named two ways
    List<SourceControl> nodes = List.of(node(sources), node(sources.resolve(".")));
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> commits = new ArrayList<>();
      for (int number = 1; number <= 120; number++) {
        SourceControl node = nodes.get(number % 2);
        int xep = number;
        commits.add(threads.submit(() -> commit(node, xep, "0.1")));
      }
      for (Future<?> commit : commits) {
        // rethrows what the commit threw
        commit.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertEveryCommitLanded(120);
  }

  @Test
  void aNodeInAnotherJvmAndThisOneCommitOneAfterTheOther(@TempDir Path logs) throws Exception {
    commit(node(sources), 1, "0.1");
    Path log = logs.resolve("other-node.log");
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OtherNode.class.getName(), sources.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("committing") && other.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      SourceControl node = node(sources);
      IntStream.rangeClosed(2, OtherNode.FIRST - 1).parallel().forEach(number -> commit(node, number, "0.1"));
      assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      other.destroyForcibly();
    }
    assertThat(other.exitValue()).as(Files.readString(log)).isZero();

    assertEveryCommitLanded(OtherNode.FIRST - 1 + OtherNode.COUNT);
  }

  /** A node in a JVM of its own: commits XEPs FIRST to FIRST + COUNT - 1 to the repository it is given. */
  public static final class OtherNode {
    static final int FIRST = 61;
    static final int COUNT = 60;

    public static void main(String[] args) {
      SourceControl node = node(Path.of(args[0]));
      System.out.println("committing");
      System.out.flush();
      for (int number = FIRST; number < FIRST + COUNT; number++) {
        commit(node, number, "0.1");
      }
    }
  }

  @Test
  void anOlderVersionCommittedAfterANewerOneIsLeftOut() throws Exception {
    SourceControl first = node(sources);
    SourceControl second = node(sources);
    commit(first, 421, "0.2");
    commit(first, 421, "0.3");

    // the second node committed 0.2 to the database before the first node committed 0.3
    second.commit(Map.of(421, new SourceControl.Source("0.2", document(421, "0.2"))), "XEP-0421 0.2",
        numbers -> Map.of(421, "0.3"));

    try (Git git = Git.open(sources.toFile())) {
      assertThat(source(git.getRepository(), 421)).isEqualTo(document(421, "0.3"));
      assertThat(git.log().call().iterator().next().getShortMessage()).isEqualTo("XEP-0421 0.3");
    }
    assertThat(Files.readString(sources.resolve("xep-0421.xml"))).isEqualTo(document(421, "0.3"));
  }

  @Test
  void theLocksOfANodeKilledInTheMiddleOfACommitDoNotBlockTheNextCommit() throws Exception {
    commit(node(sources), 1, "0.1");
    Path git = sources.resolve(".git");
    Path index = Files.writeString(git.resolve("index.lock"), "");
    Path branch = Files.writeString(git.resolve("refs/heads/main.lock"), ObjectId.zeroId().name() + "\n");

    commit(node(sources), 2, "0.1");

    assertThat(index).doesNotExist();
    assertThat(branch).doesNotExist();
    assertEveryCommitLanded(2);
  }

  @Test
  void aStartWaitsForTheCommitAnotherNodeHasUnderWay() throws Exception {
    commit(node(sources), 1, "0.1");
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      // the database's answer comes while the commit holds the repository
      Future<?> committing = nodes.submit(() -> node(sources).commit(Map.of(2, new SourceControl.Source("0.1",
          document(2, "0.1"))), "XEP-0002 0.1", numbers -> {
            asked.countDown();
            await(answer);
            return Map.of();
          }));
      assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> start = nodes.submit(() -> node(sources).removeStaleLocks());
      Thread.sleep(300);
      assertThat(start).isNotDone();
      answer.countDown();
      committing.get(10, TimeUnit.SECONDS);
      start.get(10, TimeUnit.SECONDS);
    } finally {
      nodes.shutdownNow();
    }
    assertEveryCommitLanded(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theRemovalOfLocksAtStartLeavesXepflowsOwn() throws Exception {
    // a folder whose path names refs: only .git/refs holds locks of refs
    Path repository = Files.createDirectories(sources.resolve("refs/xep-sources"));
    commit(node(repository), 1, "0.1");
    Path index = Files.writeString(repository.resolve(".git/index.lock"), "");

    node(repository).removeStaleLocks();

    assertThat(index).doesNotExist();
    assertThat(repository.resolve(".git").resolve(SourceControl.LOCK_FILE)).exists();
  }

  /** One commit per XEP 1 to count, each with its source, and git's index as the last commit. */
  private void assertEveryCommitLanded(int count) throws Exception {
    try (Git git = Git.open(sources.toFile())) {
      assertThat(git.log().call()).hasSize(count);
      for (int number = 1; number <= count; number++) {
        assertThat(source(git.getRepository(), number)).isEqualTo(document(number, "0.1"));
      }
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  private static String source(Repository repository, int number) throws Exception {
    try (TreeWalk walk = TreeWalk.forPath(repository, "xep-%04d.xml".formatted(number),
        repository.resolve("HEAD^{tree}"))) {
      return new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
