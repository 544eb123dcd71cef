package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock on a file in a folder that nodes share, taken first in this JVM, then in the file system for other
 * processes: a JVM holds a file lock once (a second throws OverlappingFileLockException), so its threads take
 * the JVM's lock of the file first. The operating system lets go of the file's lock when its process dies;
 * never delete the file while a node runs (a node would lock a new file while another holds the old one).
 */
final class FileLockHeld implements AutoCloseable {
  private final ReentrantLock threads;
  private final FileChannel file;
  private final FileLock processes;

  private FileLockHeld(ReentrantLock threads, FileChannel file, FileLock processes) {
    this.threads = threads;
    this.file = file;
    this.processes = processes;
  }

  /** @param threads the lock this JVM's threads take for this file, the same for every instance that takes it */
  static FileLockHeld take(Path path, ReentrantLock threads) {
    threads.lock();
    try {
      FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        return new FileLockHeld(threads, file, file.lock());
      } catch (IOException | RuntimeException e) {
        file.close();
        throw e;
      }
    } catch (IOException e) {
      threads.unlock();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      threads.unlock();
      throw e;
    }
  }

  /** The locked file, to read and write under the lock. */
  FileChannel file() {
    return file;
  }

  @Override
  public void close() {
    try (file) {
      processes.release();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      threads.unlock();
    }
  }
}
