package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the site and the sources show of each XEP, a line appended as each publication completes
 * ({@code 421 1.0.1 Draft}). A change is published after its transaction commits, so a stop in
 * between (a crash, a kill) left the XEP's page, attic and source behind the XEPs database for good;
 * at start, what this log does not show is published again ({@link SitePublisher#run}). Read once,
 * then kept in memory as it is appended to.
 */
@Component
class PublishedLog {
  private final Path file;
  /** By XEP number, what was published last ("1.0.1 Draft"); null until first read. */
  private Map<Integer, String> shown;

  PublishedLog(@Value("${xepflow.site.dir}") Path siteDir) {
    this.file = siteDir.resolve(".published");
  }

  boolean exists() {
    return Files.exists(file);
  }

  synchronized void published(int number, String version, String status) {
    String line = shown(version, status);
    append(number + " " + line + "\n");
    shown().put(number, line);
  }

  /** The version the site and sources show of the XEP, null if this log has none. */
  synchronized String versionShown(int number) {
    String line = shown().get(number);
    return line == null ? null : line.substring(0, line.indexOf(' '));
  }

  /** By XEP number, what was published last ("1.0.1 Draft"). */
  synchronized Map<Integer, String> read() {
    return new HashMap<>(shown());
  }

  /** The log as short as what it says: one line per XEP, whole or not at all. */
  synchronized void rewrite(Map<Integer, String> lines) {
    String text = lines.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "\n").collect(Collectors.joining());
    try {
      Files.createDirectories(file.getParent());
      // a name of its own: nodes sharing the site folder may compact it at the same time
      Path next = Files.writeString(Files.createTempFile(file.getParent(), ".published", ".next"), text, StandardCharsets.UTF_8);
      // a log cut short would have everything after the cut published again
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    shown = new HashMap<>(lines);
  }

  /** Down to one line per XEP, the last one. */
  synchronized void compact() {
    rewrite(shown());
  }

  static String shown(String version, String status) {
    return version + " " + status;
  }

  private Map<Integer, String> shown() {
    if (shown == null) {
      shown = new HashMap<>();
      if (exists()) {
        try {
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ", 2);
            // a line cut short by the stop is no publication
            if (fields.length == 2 && fields[0].matches("\\d+") && fields[1].contains(" ")) {
              shown.put(Integer.parseInt(fields[0]), fields[1]);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return shown;
  }

  private void append(String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
