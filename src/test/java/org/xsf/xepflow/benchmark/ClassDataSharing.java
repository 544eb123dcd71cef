package org.xsf.xepflow.benchmark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * Class data sharing as Spring Boot documents it for production (and the README's production start):
 * a training start that ends once its context is refreshed archives the classes it loaded
 * (-XX:ArchiveClassesAtExit), and each start after maps that archive instead of loading and verifying
 * them again. The JVM archives classes from jars only, so the class path's directories
 * (target/classes, target/test-classes) are packed into jars first.
 */
final class ClassDataSharing {
  static final String EXIT_ON_REFRESH = "-Dspring.context.exit=onRefresh";

  /** A start of one application with the given JVM options. */
  interface Start {
    double[] run(List<String> jvmOptions) throws Exception;
  }

  private ClassDataSharing() {
  }

  /** This JVM's class path with each directory packed into a jar in {@code dir}. */
  static String archivableClassPath(Path dir) {
    ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        Path packed = dir.resolve(entries.size() + "-" + path.getFileName() + ".jar");
        if (jar.run(System.out, System.err, "--create", "--file", packed.toString(), "-C", entry, ".") != 0) {
          throw new IllegalStateException("jar could not pack " + entry);
        }
        entry = packed.toString();
      }
      entries.add(entry);
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Runs the training start; returns the JVM options of a start that must map its archive. */
  static List<String> train(Path archive, Start start) throws Exception {
    start.run(List.of("-XX:ArchiveClassesAtExit=" + archive, EXIT_ON_REFRESH));
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("The training start wrote no archive " + archive);
    }
    return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
  }
}
