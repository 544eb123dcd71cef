package org.xsf.xepflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.util.FileSystemUtils;

/**
 * The site and sources folders a test run publishes to, emptied once per JVM: each run's database is
 * new, and an earlier run's pages and tmp/ copies met XEPs of the same numbers (target/ outlives runs).
 */
final class TestFolders {
  private static boolean emptied;

  private TestFolders() {
  }

  static synchronized void emptyOnce(List<String> folders) {
    if (emptied) {
      return;
    }
    try {
      for (String folder : folders) {
        FileSystemUtils.deleteRecursively(Path.of(folder));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    emptied = true;
  }
}
