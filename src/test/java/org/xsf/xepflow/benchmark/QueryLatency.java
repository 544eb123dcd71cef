package org.xsf.xepflow.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.xsf.xepflow.support.TasklistClient;

/**
 * Issue #7.3: over HTTP, a Council member's "My tasks" and the Editor's "My group tasks" (the first
 * 15 by creation, newest first, and the count, as that user: with authorization checks), as Tasklist
 * asks for them (logged in, through the webapp's engine API: one request for HAL, whose answer
 * embeds the count, the tasks' assignees and process definitions) and as an API client does
 * (engine-rest with HTTP Basic, a password check per request, plain JSON: the page, then the count);
 * listing XEPs by status and opening one XEP through xepflow's API. p50 and p95 of repeated calls
 * after a warm-up, and what a call costs, which varies less from run to run than its time: the SQL
 * statements it runs and the CPU time of this JVM (the app and this client) it takes.
 */
final class QueryLatency {
  private static final int CALLS = 200;
  /** A warm-up round after which the JIT compiled less than this (of all its threads' time) ends the warm-up. */
  private static final long SETTLED_JIT_MILLIS = 100;
  private static final int MAX_WARM_UP_ROUNDS = 10;
  private static final String NEWEST_FIRST = "{\"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}]}";
  /** What Tasklist's client (camunda-bpm-sdk-js) accepts, unless a call says otherwise. */
  private static final String TASKLIST_ACCEPTS = "application/hal+json, application/json; q=0.5";
  /** The body Tasklist posts for a filter's first page, sorted by its default, newest first. */
  private static final String TASKLIST_PAGE = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortOrder\":\"desc\",\"sortBy\":\"created\"}],\"active\":true}";
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final StatementCounter statements;
  /** The statements of each figure's measured calls, for target/benchmarks/queries-sql-*.md. */
  private final List<String> sql = new ArrayList<>();

  QueryLatency(BenchmarkApp app) {
    this.base = "http://localhost:" + app.context.getEnvironment().getProperty("local.server.port", Integer.class);
    this.statements = app.statements;
  }

  /**
   * @param scale what the database holds, for the figures' names
   * @param status the status whose XEPs are listed
   * @param number the XEP opened
   */
  void run(Results results, String db, String scale, String status, int number) throws Exception {
    tasklist(results, db, new TasklistSession("council1"), "Tasklist: a Council member's \"My tasks\"", "My%20tasks", scale);
    tasklist(results, db, basic("council1"), "engine-rest (HTTP Basic): a Council member's \"My tasks\"", "My%20tasks", scale);
    tasklist(results, db, new TasklistSession("editor"), "Tasklist: the Editor's \"My group tasks\"", "My%20group%20tasks", scale);
    record("REST: list the " + status + " XEPs (" + scale + ")", db, results, () -> get("/api/xeps?status=" + status, "editor"));
    record("REST: open one XEP (" + scale + ")", db, results, () -> get("/api/xeps/" + number, "editor"));
    Files.write(Path.of("target", "benchmarks", "queries-sql-" + db + "-" + scale.replaceAll("\\D.*", "") + ".md"), sql);
  }

  /** A Tasklist filter's first page and count, as Tasklist asks for them, through the given API. */
  private void tasklist(Results results, String db, EngineApi api, String what, String filterName, String scale)
      throws Exception {
    String filter = api.get("/filter?resourceType=Task&name=" + filterName)
        .replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    String count = api.post("/filter/" + filter + "/count", "{}").replaceAll("\\D", "");
    record(what + ", first page and count (" + count + " tasks; " + scale + ")", db, results, () -> api.firstPage(filter));
  }

  /** The first 15 of a filter's tasks, as Tasklist and the API clients both ask for them. */
  private static String firstPagePath(String filter) {
    return "/filter/" + filter + "/list?firstResult=0&maxResults=15";
  }

  /** The engine's REST API, as one user. */
  private interface EngineApi {
    String get(String path) throws Exception;

    String post(String path, String json) throws Exception;

    /** A filter's first page of tasks and their count, as this kind of client asks for them. */
    default String firstPage(String filter) throws Exception {
      return post(firstPagePath(filter), NEWEST_FIRST)
          + post("/filter/" + filter + "/count", "{}");
    }
  }

  private EngineApi basic(String user) {
    return new EngineApi() {
      @Override
      public String get(String path) throws Exception {
        return QueryLatency.this.get("/engine-rest" + path, user);
      }

      @Override
      public String post(String path, String json) throws Exception {
        return QueryLatency.this.post("/engine-rest" + path, json, user);
      }
    };
  }

  /** Logged in to Tasklist as a browser is, with its session and CSRF token. */
  private final class TasklistSession implements EngineApi {
    private final TasklistClient browser;

    TasklistSession(String user) throws Exception {
      browser = new TasklistClient(base, user);
    }

    @Override
    public String get(String path) throws Exception {
      return ok(browser.get(path));
    }

    @Override
    public String post(String path, String json) throws Exception {
      return ok(browser.post(path, json));
    }

    @Override
    public String firstPage(String filter) throws Exception {
      String page = ok(browser.post(firstPagePath(filter), TASKLIST_PAGE, TASKLIST_ACCEPTS));
      if (!page.startsWith("{") || !page.contains("\"count\"")) {
        throw new IllegalStateException("Not the HAL answer Tasklist gets, with its count: " + page);
      }
      return page;
    }

    private static String ok(HttpResponse<String> response) {
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(response.uri() + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return response.body();
    }
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

  /**
   * Measured as a server that has been up a while answers: after warm-up rounds of calls until a
   * round leaves the JIT compilers little to compile. Until the eighteenth session 20 calls warmed
   * up, and the JIT compiling on both of these machines' cores took about three quarters of the CPU
   * of every call measured (see the README); the first round's p95 is still printed (for the first
   * query, as the first users after a start see it; later queries share code the earlier warmed).
   */
  private void record(String figure, String db, Results results, Callable<?> call) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int rounds = 0;
    long compiled;
    do {
      long jitBefore = jit.getTotalCompilationTime();
      double[] round = time(call);
      compiled = jit.getTotalCompilationTime() - jitBefore;
      if (rounds++ == 0) {
        results.add(figure + ", p95 of the first " + CALLS + " calls (the JIT compiling beside them)", db,
            round[CALLS * 95 / 100], "ms", 0);
      }
    } while (compiled > SETTLED_JIT_MILLIS && rounds < MAX_WARM_UP_ROUNDS);
    if (compiled > SETTLED_JIT_MILLIS) {
      System.out.println("The JIT was still compiling after " + rounds * CALLS + " calls (" + compiled
          + " ms in the last " + CALLS + "); measuring anyway.");
    }
    CpuTime.awaitQuiet(60);
    statements.clearKinds();
    long statementsBefore = statements.count();
    CpuTime cpuBefore = CpuTime.now();
    double[] millis = time(call);
    double cpuPerCall = CpuTime.now().minus(cpuBefore).jvmMillis() / CALLS;
    results.add(figure + ", p50", db, millis[CALLS / 2], "ms", 50);
    results.add(figure + ", p95", db, millis[CALLS * 95 / 100], "ms", 50);
    results.add(figure + ", calls to warm up", db, rounds * CALLS, "", 0);
    results.add(figure + ", SQL statements per call", db, (double) (statements.count() - statementsBefore) / CALLS, "per call", 0);
    results.add(figure + ", CPU time of this JVM per call", db, cpuPerCall, "ms", 0);
    sql.addAll(statements.slowest("## " + figure + ": the statements of " + CALLS + " calls", CALLS));
    sql.add("");
  }

  /** The times of {@link #CALLS} calls, sorted. */
  private static double[] time(Callable<?> call) throws Exception {
    double[] millis = new double[CALLS];
    for (int i = 0; i < CALLS; i++) {
      long start = System.nanoTime();
      call.call();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }
}
