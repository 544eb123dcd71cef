package org.xsf.xepflow.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The application in a JVM of its own, as an operator runs it: PostgreSQL, the job executor on, an
 * outside SMTP server. It can be killed like a crashed server (SIGKILL).
 */
final class AppNode implements AutoCloseable {
  private final Process process;
  final int port;

  private AppNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static AppNode start(String name, int port, String database, int smtpPort) throws IOException, InterruptedException {
    Path work = Path.of("target/nodes", name);
    Files.createDirectories(work);
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-cp", System.getProperty("java.class.path"), "org.xsf.xepflow.XepflowApplication",
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
        "--server.port=" + port,
        // the name the node signs its jobs with in the job log
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        // no shortcut for the node that created a job: every node acquires due jobs from the database
        "--camunda.bpm.generic-properties.properties.hint-job-executor=false",
        // idle nodes look for due jobs twice a second and take a few at a time, so both get work
        "--camunda.bpm.job-execution.max-wait=500", "--camunda.bpm.job-execution.wait-time-in-millis=200",
        "--camunda.bpm.job-execution.max-jobs-per-acquisition=2",
        "--xepflow.mail.embedded=false", "--xepflow.mail.smtp.port=" + smtpPort,
        // both nodes publish the same site and commit to the same sources, as behind a shared volume
        "--xepflow.site.dir=target/nodes/" + database + "-site",
        "--xepflow.source-control.dir=target/nodes/" + database + "-sources"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("node.log").toFile()));
    AppNode node = new AppNode(builder.start(), port);
    node.awaitUp();
    return node;
  }

  private void awaitUp() throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The node stopped while starting, see target/nodes/*/node.log");
      }
      try {
        // ready when the demo people exist (created at start, after the web server is up)
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/engine-rest/engine")).header("Authorization", "Basic ZWRpdG9yOnhzZg==").build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The node did not start within two minutes");
  }

  /** Like a power cut: no shutdown hooks, no clean close of connections. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
