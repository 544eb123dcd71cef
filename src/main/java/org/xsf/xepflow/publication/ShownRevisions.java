package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The revision of each XEP (which every change of it counts up) that its page and its document in the site
 * folder show, kept in that folder for every node that shares it: {@code .revisions/xep-0421} holds
 * {@code 17 15}, the page's and the document's. A XEP is published holding its lock, first in this JVM, then
 * in the file system ({@link FileLockHeld} on that file), so that the nodes publish a XEP one after the
 * other and each sees what the others wrote. Not synced to the disk: a power cut can only take it back to
 * an earlier revision, which may let an earlier page through but never holds a later one back.
 */
@Component
class ShownRevisions {
  /** Nothing recorded: a XEP never published, or a site folder of an earlier xepflow. */
  static final Shown NONE = new Shown(-1, -1);
  /** A revision as recorded; -1: none (the document's, when the XEP's first publication recorded was a change of status). */
  private static final String REVISION = "-1|\\d{1,9}";
  /**
   * By folder (its real path), the locks this JVM's threads take before the file's ({@link FileLockHeld}), a
   * XEP's by its number, whichever instance takes it.
   */
  private static final ConcurrentMap<Path, ReentrantLock[]> IN_THIS_JVM = new ConcurrentHashMap<>();
  private final Path folder;
  private final ReentrantLock[] threads;

  ShownRevisions(@Value("${xepflow.site.dir}") Path siteDir) {
    try {
      folder = Files.createDirectories(siteDir.resolve(".revisions"));
      threads = IN_THIS_JVM.computeIfAbsent(folder.toRealPath(),
          path -> Stream.generate(ReentrantLock::new).limit(64).toArray(ReentrantLock[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The revisions of the XEP that its page (xep-NNNN.html) and its document (xep-NNNN.xml) show. */
  record Shown(int page, int document) {
  }

  /** Takes the XEP's lock, in this JVM and then in the file system, until the hold is closed. */
  Held hold(int number) {
    return new Held(FileLockHeld.take(folder.resolve("xep-%04d".formatted(number)),
        threads[Math.floorMod(number, threads.length)]));
  }

  /** What the site shows of the XEP, read under its lock. */
  Shown shown(int number) {
    try (Held held = hold(number)) {
      return held.shown();
    }
  }

  /** A XEP's lock, held: what its pages show, read and recorded under it. */
  static final class Held implements AutoCloseable {
    private final FileLockHeld lock;
    private final FileChannel file;

    private Held(FileLockHeld lock) {
      this.lock = lock;
      this.file = lock.file();
    }

    /** As recorded; {@link #NONE} if nothing is, or what is cannot be read. */
    Shown shown() {
      try {
        ByteBuffer read = ByteBuffer.allocate(32);
        file.read(read, 0);
        String[] revisions = new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII).trim().split(" ");
        return revisions.length == 2 && revisions[0].matches(REVISION) && revisions[1].matches(REVISION)
            ? new Shown(Integer.parseInt(revisions[0]), Integer.parseInt(revisions[1])) : NONE;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void record(Shown shown) {
      byte[] line = (shown.page() + " " + shown.document() + "\n").getBytes(StandardCharsets.US_ASCII);
      try {
        ByteBuffer written = ByteBuffer.wrap(line);
        while (written.hasRemaining()) {
          file.write(written, written.position());
        }
        file.truncate(line.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      lock.close();
    }
  }
}
