package org.xsf.xepflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.XepVersion;

/** The XEPs database through the REST API. */
@ExtendWith(OutputCaptureExtension.class)
class XepApiTest extends LifecycleTestSupport {
  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
  };
  @Autowired
  TestRestTemplate http;

  @Test
  void listsAndFiltersXeps() {
    ProcessInstance humorous = accept("author2", "xep-0263.xml", "Humorous");
    runAllDueJobs(humorous);
    ProcessInstance experimental = accept("author1", "inbox/muc-presence-versioning.xml", "Standards Track");

    List<Map<String, Object>> active = get("/api/xeps?status=Active&type=Humorous");
    assertThat(active).extracting(x -> x.get("number")).contains(number(humorous)).doesNotContain(number(experimental));
    assertThat(get("/api/xeps?status=Experimental")).extracting(x -> x.get("label"))
        .contains("XEP-%04d".formatted(number(experimental)));
    assertThat(http.withBasicAuth("author1", "xsf").getForEntity("/api/xeps?status=Approved", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void listsAPageAtATimeWithTheTotalAndTheNextPage() {
    List<Integer> accepted = List.of(number(accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track")),
        number(accept("author1", "inbox/notification-inbox.xml", "Standards Track")));

    List<Integer> walked = new java.util.ArrayList<>();
    String next = "/api/xeps?status=Experimental&size=1";
    long total = -1;
    while (next != null) {
      ResponseEntity<List<Map<String, Object>>> page = http.withBasicAuth("author1", "xsf").exchange(next,
          HttpMethod.GET, null, LIST);
      assertThat(page.getBody()).hasSize(1).allSatisfy(x -> assertThat(x).containsEntry("status", "Experimental"));
      // other tests of the shared context leave Experimental XEPs of later versions
      if (accepted.contains(page.getBody().get(0).get("number"))) {
        assertThat(page.getBody().get(0)).containsEntry("version", "0.1");
      }
      walked.add((Integer) page.getBody().get(0).get("number"));
      total = Long.parseLong(page.getHeaders().getFirst("X-Total-Count"));
      String link = page.getHeaders().getFirst(HttpHeaders.LINK);
      next = link == null ? null : link.replaceAll("^<http://[^/]+(.*)>; rel=\"next\"$", "$1");
    }
    assertThat(walked).hasSize((int) total).isSorted().containsAll(accepted);
    assertThat(http.withBasicAuth("author1", "xsf").getForEntity("/api/xeps?size=1001", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // a page past any registry, as far as an int goes, is empty
    ResponseEntity<List<Map<String, Object>>> beyond = http.withBasicAuth("author1", "xsf")
        .exchange("/api/xeps?page=" + Integer.MAX_VALUE + "&size=1000", HttpMethod.GET, null, LIST);
    assertThat(beyond.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(beyond.getBody()).isEmpty();
    assertThat(Long.parseLong(beyond.getHeaders().getFirst("X-Total-Count"))).isGreaterThanOrEqualTo(total);
  }

  @Test
  void readsOneXepWithItsVersionsHistoryVotesAndOpenSteps() {
    ProcessInstance lifecycle = accept("author1", "inbox/notification-inbox.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "-1"));

    Map<String, Object> xep = http.withBasicAuth("author2", "xsf").exchange("/api/xeps/" + number(lifecycle),
        HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();

    assertThat((Map<String, Object>) xep.get("summary")).containsEntry("status", "Proposed").containsEntry("title", "Notification Inbox");
    assertThat((List<Map<String, Object>>) xep.get("versions")).extracting(v -> v.get("version")).containsExactly("0.1");
    assertThat((List<Map<String, Object>>) xep.get("statusHistory")).extracting(s -> s.get("to"))
        .containsExactly("Experimental", "Proposed");
    assertThat((List<Map<String, Object>>) xep.get("votes")).singleElement().satisfies(vote -> {
      assertThat(vote).containsEntry("question", "advance to Draft").containsEntry("version", "0.1");
      assertThat((List<Map<String, Object>>) vote.get("ballots")).extracting(b -> b.get("member"), b -> b.get("value"))
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("council1", 1), org.assertj.core.groups.Tuple.tuple("council2", -1));
    });
    assertThat((List<Map<String, Object>>) xep.get("councilResponses")).extracting(r -> r.get("respondent"), r -> r.get("objection"))
        .containsExactlyInAnyOrderElementsOf(COUNCIL.stream().map(m -> org.assertj.core.groups.Tuple.tuple(m, false)).toList());
    assertThat((List<Map<String, Object>>) xep.get("openSteps")).extracting(s -> s.get("task"))
        .contains("Task_CastVote", "Task_ChangeVote");
    // the author's new version comes from a start form: the lifecycle waits for it, with no task
    assertThat((List<Map<String, Object>>) xep.get("awaiting")).extracting(a -> a.get("event"), a -> a.get("name"), a -> a.get("message"))
        .contains(org.assertj.core.groups.Tuple.tuple("Message_NewVersionProposed", "Revised version submitted", "NewVersionSubmitted"));
    assertThat(http.withBasicAuth("author2", "xsf").getForEntity("/api/xeps/9999", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theAuthorSubmitsANewVersionThroughTheApi() {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    String newVersion = nextVersion(lifecycle, "0.2", "Through the API");

    assertThat(postVersion("author2", lifecycle, newVersion).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(postVersion("author1", lifecycle, "<xep/>").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(called(lifecycle, "new-version")).isNull();

    assertThat(postVersion("author1", lifecycle, newVersion).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    ProcessInstance review = called(lifecycle, "new-version");
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(review.getId()).singleResult().getName())
        .isEqualTo("Publish version 0.2 of XEP-%04d?".formatted(number(lifecycle)));
  }

  @Test
  void aNewVersionTheXepsLifecycleTakesInNoStatusIsABadRequest(@TempDir Path changed, CapturedOutput log) throws IOException {
    // an Editor renamed the lifecycle's message for a new version, but not the one the author's form sends
    withLifecycleDiagramEdited(changed, diagram -> diagram.replace(
        "name=\"NewVersionSubmitted\"", "name=\"VersionSubmitted\""), () -> {
      ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
      String newVersion = nextVersion(lifecycle, "0.2", "Out of step");
      String refusal = ("XEP-%04d's lifecycle does not take \"A new version of a XEP, or the retraction of an Experimental"
          + " XEP, by its author (XEP-0001 §6-§10)\" in any status: its diagram has no event for the message"
          + " NewVersionSubmitted, so this form and that diagram are out of step. Nothing was recorded; please tell the"
          + " operator.").formatted(number(lifecycle));

      // before: 500, with the engine's IllegalStateException and its stack in the operators' log
      ResponseEntity<Map> api = http.withBasicAuth("author1", "xsf").postForEntity("/api/xeps/" + number(lifecycle)
          + "/versions", new HttpEntity<>(newVersion, xml()), Map.class);
      assertThat(api.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(api.getBody()).containsEntry("detail", refusal);
      // Tasklist's start form
      ResponseEntity<Map> tasklist = http.withBasicAuth("author1", "xsf").postForEntity(
          "/engine-rest/process-definition/key/submit-new-version/submit-form", Map.of("variables", Map.of(
              "xep", Map.of("value", "XEP-%04d".formatted(number(lifecycle)), "type", "String"),
              "authorAction", Map.of("value", "newVersion", "type", "String"),
              "xml", Map.of("value", newVersion, "type", "String"))), Map.class);
      assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(tasklist.getBody()).containsEntry("message", refusal);

      assertThat(called(lifecycle, "new-version")).isNull();
      assertThat(registryEntry(lifecycle).getVersions()).extracting(XepVersion::getVersion).containsExactly("0.1");
      assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain("IllegalStateException");
    });
  }

  @Test
  void theApiIsDescribedWithOpenApi() {
    String description = http.getForObject("/v3/api-docs", String.class);
    assertThat(description).contains("\"openapi\"").contains("/api/xeps/{number}/versions").contains("/api/protoxeps");
  }

  private ResponseEntity<String> postVersion(String user, ProcessInstance lifecycle, String xml) {
    return http.withBasicAuth(user, "xsf").postForEntity("/api/xeps/" + number(lifecycle) + "/versions",
        new HttpEntity<>(xml, xml()), String.class);
  }

  private static HttpHeaders xml() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    return headers;
  }

  private List<Map<String, Object>> get(String path) {
    return http.withBasicAuth("author1", "xsf").exchange(path, HttpMethod.GET, null, LIST).getBody();
  }
}
