package org.xsf.xepflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Issue #7.3: over HTTP, what Tasklist asks engine-rest for a Council member's "My tasks" and the
 * Editor's "My group tasks" (the first 15 by creation, newest first, and the count, as that user:
 * with authorization checks), listing XEPs by status and opening one XEP through xepflow's API. p50 and p95 of
 * repeated calls after a warm-up.
 */
final class QueryLatency {
  private static final int CALLS = 200;
  private static final String NEWEST_FIRST = "{\"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}]}";
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  QueryLatency(int port) {
    this.base = "http://localhost:" + port;
  }

  /**
   * @param scale what the database holds, for the figures' names
   * @param status the status whose XEPs are listed
   * @param number the XEP opened
   */
  void run(Results results, String db, String scale, String status, int number) throws Exception {
    tasklist(results, db, "council1", "a Council member's \"My tasks\"", "My%20tasks", scale);
    tasklist(results, db, "editor", "the Editor's \"My group tasks\"", "My%20group%20tasks", scale);
    record("REST: list the " + status + " XEPs (" + scale + ")", db, results, () -> get("/api/xeps?status=" + status, "editor"));
    record("REST: open one XEP (" + scale + ")", db, results, () -> get("/api/xeps/" + number, "editor"));
  }

  /** A Tasklist filter's first page and count, as Tasklist asks engine-rest for them. */
  private void tasklist(Results results, String db, String user, String what, String filterName, String scale)
      throws Exception {
    String filter = get("/engine-rest/filter?resourceType=Task&name=" + filterName, user)
        .replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    String count = post("/engine-rest/filter/" + filter + "/count", "{}", user).replaceAll("\\D", "");
    record("Tasklist: " + what + ", first page and count (" + count + " tasks; " + scale + ")", db, results,
        () -> post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", NEWEST_FIRST, user)
            + post("/engine-rest/filter/" + filter + "/count", "{}", user));
  }

  private String get(String path, String user) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", login(user)).build());
  }

  /** As Tasklist asks engine-rest for a filter's tasks: as the user, so that authorizations are checked. */
  private String post(String path, String json, String user) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", login(user))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private String send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static String login(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":xsf").getBytes(StandardCharsets.UTF_8));
  }

  private static void record(String figure, String db, Results results, Callable<?> call) throws Exception {
    for (int i = 0; i < 20; i++) {
      call.call();
    }
    CpuTime.awaitQuiet(120);
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
