package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepVersion;

/**
 * The git repository of XEP sources (XEP-0001 section 5: "add it to source control"): every
 * published version is committed with the Editor as committer and the revision remark as message.
 */
@Component
public class SourceControl {
  private static final Logger LOG = LoggerFactory.getLogger(SourceControl.class);
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

  /**
   * A stop in the middle of a commit leaves git's index or the branch locked, and JGit then refuses
   * every later commit. To be called at start, when no commit of this application's is under way
   * (each node keeps a repository of its own).
   */
  public synchronized void removeStaleLocks() {
    Path git = directory.resolve(".git");
    if (!Files.isDirectory(git)) {
      return;
    }
    try (Stream<Path> files = Files.walk(git)) {
      for (Path lock : files.filter(SourceControl::staleLock).toList()) {
        Files.deleteIfExists(lock);
        LOG.warn("Removed {}, a lock a stop in the middle of a commit left", lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The index's, HEAD's, the packed refs' or a ref's lock. */
  private static boolean staleLock(Path path) {
    String name = path.getFileName().toString();
    return name.equals("index.lock") || name.equals("HEAD.lock") || name.equals("packed-refs.lock")
        || name.endsWith(".lock") && path.toString().contains("/refs/");
  }

  /** Commits these documents, by XEP number; nothing when the sources are already those. */
  public synchronized void commit(Map<Integer, String> documents, String message) {
    if (documents.isEmpty()) {
      // nothing to open the repository for (a first start with no XEPs makes it at its first XEP)
      return;
    }
    try (Git git = open()) {
      Repository repository = git.getRepository();
      ObjectId head = repository.resolve("HEAD^{tree}");
      List<Staged> changed = new ArrayList<>();
      try (ObjectInserter inserter = repository.newObjectInserter()) {
        for (Map.Entry<Integer, String> document : documents.entrySet()) {
          String file = "xep-%04d.xml".formatted(document.getKey());
          byte[] source = document.getValue().getBytes(StandardCharsets.UTF_8);
          // A status change leaves the source as it is: compared with the last commit, not by
          // scanning the working tree (which grows with the number of XEPs).
          if (head == null || !committed(repository, head, file, source)) {
            Path written = Files.write(directory.resolve(file), source);
            changed.add(new Staged(file, inserter.insert(Constants.OBJ_BLOB, source), written));
          }
        }
        inserter.flush();
      }
      if (!changed.isEmpty()) {
        stage(repository, changed);
        git.commit().setMessage(message).setAuthor(editorName, editorEmail).setCommitter(editorName, editorEmail)
            .setSign(false).call();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("Could not commit to " + directory, e);
    }
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

  /** The commit message for one XEP's new version: "XEP-0421 1.0.1: Fixed typo". */
  static String message(Xep xep) {
    XepVersion version = xep.currentVersion();
    return xep.label() + " " + version.getVersion() + ": " + (version.getRemark() == null ? "" : version.getRemark());
  }

  private Git open() throws IOException, GitAPIException {
    if (Files.isDirectory(directory.resolve(".git"))) {
      return Git.open(directory.toFile());
    }
    Files.createDirectories(directory);
    return Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
  }
}
