package org.xsf.xepflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Issue #7.3 at the size of the database the backlog left: the Tasklist query of a Council member's
 * tasks (as Tasklist's "My tasks" filter sends it) and, over HTTP, listing XEPs by status and
 * opening one XEP through the REST API. p50 and p95 of repeated calls after a warm-up.
 */
final class QueryLatency {
  private static final int CALLS = 200;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String login = "Basic " + Base64.getEncoder().encodeToString("editor:xsf".getBytes(StandardCharsets.UTF_8));

  QueryLatency(int port) {
    this.base = "http://localhost:" + port;
  }

  /**
   * @param scale what the database holds, for the figures' names
   * @param status the status whose XEPs are listed
   * @param number the XEP opened
   */
  void run(Results results, String db, ProcessEngine engine, String scale, String status, int number) throws Exception {
    String tasks = engine.getTaskService().createTaskQuery().taskAssignee("council1").count() + " open";
    record("Tasklist: a Council member's tasks (" + tasks + "; " + scale + ")", db, results, () -> engine.getTaskService()
        .createTaskQuery().taskAssignee("council1").orderByTaskCreateTime().desc().listPage(0, 15));
    record("REST: list the " + status + " XEPs (" + scale + ")", db, results, () -> get("/api/xeps?status=" + status));
    record("REST: open one XEP (" + scale + ")", db, results, () -> get("/api/xeps/" + number));
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", login).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static void record(String figure, String db, Results results, Callable<?> call) throws Exception {
    for (int i = 0; i < 20; i++) {
      call.call();
    }
    double[] millis = new double[CALLS];
    for (int i = 0; i < CALLS; i++) {
      long start = System.nanoTime();
      call.call();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    results.add(figure + ", p50", db, millis[CALLS / 2], "ms", 50);
    results.add(figure + ", p95", db, millis[CALLS * 95 / 100], "ms", 50);
  }
}
