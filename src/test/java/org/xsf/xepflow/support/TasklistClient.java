package org.xsf.xepflow.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls the engine API as Tasklist does, logged in to it: a session cookie, and the webapp's CSRF token
 * sent back with the page's origin on every request that is not a GET. Not engine-rest: the webapp's
 * engine API is a JAX-RS application of its own.
 */
public final class TasklistClient {
  private static final String ENGINE = "/camunda/api/engine/engine/default";
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private final String base;
  private String token;

  public TasklistClient(String base, String user) throws Exception {
    this.base = base;
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")));
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=xsf")));
    // the login starts a new session, whose token the next page brings
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")));
  }

  /** A GET of JSON from the engine API, e.g. {@code /filter?resourceType=Task}. */
  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + ENGINE + path)).header("Accept", "application/json"));
  }

  /** A POST of JSON to the engine API, e.g. {@code /task/{id}/submit-form}. */
  public HttpResponse<String> post(String path, String json) throws Exception {
    return post(path, json, "application/json");
  }

  /** @param accept as Tasklist asks for a task list: HAL first */
  public HttpResponse<String> post(String path, String json, String accept) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + ENGINE + path)).header("Content-Type", "application/json")
        .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    if (token != null) {
      request.header("X-XSRF-TOKEN", token).header("Origin", base);
    }
    HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    response.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> token = t);
    return response;
  }
}
