package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The git repository of XEP sources (XEP-0001 section 5: "add it to source control"): every
 * published version is committed with the Editor as committer and the revision remark as message.
 * Several nodes share one repository: each commit holds a lock on it, in this JVM and in the file
 * system ({@value #LOCK_FILE} in .git/), so the nodes commit one after the other.
 */
@Component
public class SourceControl {
  private static final Logger LOG = LoggerFactory.getLogger(SourceControl.class);
  /**
   * xepflow's own lock on the repository. Never deleted: a node would lock a new file while another
   * holds the old one; the operating system lets go of it when the process holding it dies.
   */
  static final String LOCK_FILE = "xepflow.lock";
  /**
   * By repository (the real path of its .git), the lock this JVM's threads take before the file's
   * ({@link FileLockHeld}), whichever instance takes it.
   */
  private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
  private final Path directory;
  private final String editorName;
  private final String editorEmail;

  public SourceControl(@Value("${xepflow.source-control.dir}") Path directory,
      @Value("${xepflow.source-control.committer-name}") String editorName,
      @Value("${xepflow.source-control.committer-email}") String editorEmail) {
    this.directory = directory;
    this.editorName = editorName;
    this.editorEmail = editorEmail;
  }

  /** A XEP's source and the version it is. */
  public record Source(String version, String document) {
  }

  /**
   * What the database says now, asked under the repository's lock: on a connection the caller holds already, as
   * other threads may wait for the lock each holding a connection of the pool (see SitePublisher.currentVersions).
   */
  @FunctionalInterface
  public interface CurrentVersions {
    /** The current version of each of these XEPs, by number (left out: a XEP without one). */
    Map<Integer, String> of(Set<Integer> numbers);
  }

  /**
   * A stop in the middle of a commit leaves git's index or a ref locked, and JGit then refuses every
   * later commit. To be called at start: under the repository's lock no commit is under way, on any
   * node, so every git lock in it is one a stop left.
   */
  public void removeStaleLocks() {
    Path git = directory.resolve(".git");
    if (!Files.isDirectory(git)) {
      return;
    }
    locked(() -> {
      try (Stream<Path> files = Files.walk(git)) {
        for (Path lock : files.filter(file -> staleLock(git, file)).toList()) {
          removeStale(lock);
        }
      }
    });
  }

  /** The index's, HEAD's, the packed refs' or a ref's lock. */
  private static boolean staleLock(Path git, Path path) {
    String name = path.getFileName().toString();
    return name.equals("index.lock") || name.equals("HEAD.lock") || name.equals("packed-refs.lock")
        || name.endsWith(".lock") && git.relativize(path).startsWith("refs");
  }

  /**
   * The locks a commit takes, as a node killed in the middle of one leaves them: looked for at each
   * commit (a node's stop left them while the others ran on), where they are, without a walk of .git.
   */
  private static void removeStaleCommitLocks(Path git) throws IOException {
    for (String name : List.of("index.lock", "HEAD.lock", "packed-refs.lock")) {
      removeStale(git.resolve(name));
    }
    Path branches = git.resolve("refs").resolve("heads");
    if (Files.isDirectory(branches)) {
      try (DirectoryStream<Path> locks = Files.newDirectoryStream(branches, "*.lock")) {
        for (Path lock : locks) {
          removeStale(lock);
        }
      }
    }
  }

  private static void removeStale(Path lock) throws IOException {
    if (Files.deleteIfExists(lock)) {
      LOG.warn("Removed {}, a lock a stop in the middle of a commit left", lock);
    }
  }

  /**
   * Commits these sources, by XEP number; nothing when the sources are already those. A source whose XEP
   * the database has at another version now is left out: that version's own commit follows, or came first
   * (another node committed a later version before this node committed this one).
   */
  public void commit(Map<Integer, Source> sources, String message, CurrentVersions current) {
    if (sources.isEmpty()) {
      // nothing to open the repository for (a first start with no XEPs makes it at its first XEP)
      return;
    }
    locked(() -> {
      removeStaleCommitLocks(directory.resolve(".git"));
      try (Git git = open()) {
        Repository repository = git.getRepository();
        Map<Integer, byte[]> changed = changed(repository, sources);
        skipSuperseded(changed, sources, current);
        if (!changed.isEmpty()) {
          stage(repository, write(repository, changed));
          git.commit().setMessage(message).setAuthor(editorName, editorEmail).setCommitter(editorName, editorEmail)
              .setSign(false).call();
        }
      }
    });
  }

  /**
   * The sources that differ from the last commit, by number: compared with it, not by scanning the working
   * tree (which grows with the number of XEPs).
   */
  private static Map<Integer, byte[]> changed(Repository repository, Map<Integer, Source> sources) throws IOException {
    ObjectId head = repository.resolve("HEAD^{tree}");
    Map<Integer, byte[]> changed = new LinkedHashMap<>();
    for (Map.Entry<Integer, Source> source : sources.entrySet()) {
      byte[] document = source.getValue().document().getBytes(StandardCharsets.UTF_8);
      if (head == null || !committed(repository, head, file(source.getKey()), document)) {
        changed.put(source.getKey(), document);
      }
    }
    return changed;
  }

  private void skipSuperseded(Map<Integer, byte[]> changed, Map<Integer, Source> sources, CurrentVersions current) {
    if (changed.isEmpty()) {
      // nothing to ask the database
      return;
    }
    Map<Integer, String> now = current.of(Set.copyOf(changed.keySet()));
    changed.keySet().removeIf(number -> {
      String version = sources.get(number).version();
      boolean superseded = now.containsKey(number) && !now.get(number).equals(version);
      if (superseded) {
        LOG.info("Not committing version {} of XEP {} to {}: its current version is {}", version, number, directory,
            now.get(number));
      }
      return superseded;
    });
  }

  /** Writes the files and their blobs. */
  private List<Staged> write(Repository repository, Map<Integer, byte[]> changed) throws IOException {
    List<Staged> staged = new ArrayList<>();
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      for (Map.Entry<Integer, byte[]> document : changed.entrySet()) {
        String file = file(document.getKey());
        Path written = Files.write(directory.resolve(file), document.getValue());
        staged.add(new Staged(file, inserter.insert(Constants.OBJ_BLOB, document.getValue()), written));
      }
      inserter.flush();
    }
    return staged;
  }

  private static String file(int number) {
    return "xep-%04d.xml".formatted(number);
  }

  /** Runs the work holding the repository's lock: first this JVM's, then the file system's, for other processes. */
  private void locked(Work work) {
    try {
      Path git = Files.createDirectories(directory.resolve(".git"));
      try (FileLockHeld held = FileLockHeld.take(git.resolve(LOCK_FILE),
          IN_THIS_JVM.computeIfAbsent(git.toRealPath(), path -> new ReentrantLock()))) {
        work.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("Could not commit to " + directory, e);
    }
  }

  @FunctionalInterface
  private interface Work {
    void run() throws IOException, GitAPIException;
  }

  /**
   * Puts the files in git's index as {@code git add} would, without its walk over the working tree:
   * that lists and compares every XEP's file (30 ms a commit at 1,000 XEPs, 125 ms at 10,000).
   */
  private static void stage(Repository repository, List<Staged> files) throws IOException {
    DirCache index = repository.lockDirCache();
    try {
      DirCacheEditor editor = index.editor();
      files.forEach(editor::add);
      editor.commit();
    } finally {
      index.unlock();
    }
  }

  /** A file's index entry: the blob just written and the file's size and time, so that git sees it unchanged. */
  private static final class Staged extends DirCacheEditor.PathEdit {
    private final ObjectId blob;
    private final long length;
    private final Instant modified;

    Staged(String file, ObjectId blob, Path written) throws IOException {
      super(file);
      this.blob = blob;
      this.length = Files.size(written);
      this.modified = Files.getLastModifiedTime(written).toInstant();
    }

    @Override
    public void apply(DirCacheEntry entry) {
      entry.setObjectId(blob);
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setLength(length);
      entry.setLastModified(modified);
    }
  }

  private static boolean committed(Repository repository, ObjectId tree, String file, byte[] source) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(repository, file, tree)) {
      return walk != null && walk.getObjectId(0).equals(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, source));
    }
  }

  private Git open() throws IOException, GitAPIException {
    // .git holds the lock file before it holds a repository
    if (RepositoryCache.FileKey.isGitRepository(directory.resolve(".git").toFile(), FS.DETECTED)) {
      return Git.open(directory.toFile());
    }
    return Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
  }
}
