package org.xsf.xepflow.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * What people send through Camunda's REST APIs reaches a process only through the form of their
 * step: no variable of the process beside it, no start as someone else or past the procedure's
 * first steps, no ballot handed to someone else.
 */
class FormFieldsOnlyTest extends ProcessTestSupport {
  @Autowired
  TestRestTemplate http;
  @Autowired
  HistoryService historyService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ProtoXepRepository protoXeps;

  @Test
  void aCouncilMemberChangesNothingOfTheProtoXepButTheirResponse() {
    ProcessInstance submission = protoXepFormatAccepted("author1", "inbox/mix.xml", "Standards Track");
    Task objection = taskOf("council1", submission);
    String document = (String) runtimeService.getVariable(submission.getId(), "xml");

    // beside the form's answer, the document the acceptance publishes and the author who owns it
    ResponseEntity<String> answered = http.withBasicAuth("council1", "xsf").postForEntity(
        "/engine-rest/task/" + objection.getId() + "/submit-form",
        Map.of("variables", Map.of("objects", typed(false, "Boolean"), "author", typed("council1", "String"))), String.class);
    assertThat(answered.getStatusCode().value()).isEqualTo(400);
    assertThat(answered.getBody()).contains("The form of \\\"Object to publishing \\\"Mediated Information eXchange (MIX)\\\""
        + " as a XEP?\\\" has no field 'author': a person's step changes only what its form asks for.");
    // nor one by one, beside the form
    ResponseEntity<String> set = put("council1", "/engine-rest/task/" + objection.getId() + "/variables/xml",
        typed("<xep/>", "String"));
    assertThat(set.getStatusCode().value()).isEqualTo(400);
    assertThat(set.getBody()).contains("A step's variables are set by submitting its form");
    assertThat(http.withBasicAuth("council1", "xsf").postForEntity("/engine-rest/task/" + objection.getId() + "/variables",
        Map.of("modifications", Map.of("author", typed("council1", "String"))), String.class).getStatusCode().value())
        .isEqualTo(400);
    // a BPMN error no diagram catches left the task open, with the variables it carried set
    ResponseEntity<String> error = http.withBasicAuth("council1", "xsf").postForEntity(
        "/engine-rest/task/" + objection.getId() + "/bpmnError",
        Map.of("errorCode", "any", "variables", Map.of("title", typed("Renamed", "String"))), String.class);
    assertThat(error.getStatusCode().value()).isEqualTo(400);
    assertThat(error.getBody()).contains("no step of the procedure takes a BPMN error or escalation");
    // nor does the ballot go to someone else, who would then answer for this member
    assertThat(http.withBasicAuth("council1", "xsf").postForEntity("/engine-rest/task/" + objection.getId() + "/assignee",
        Map.of("userId", "author1"), String.class).getStatusCode().value()).isEqualTo(400);

    assertThat(runtimeService.getVariables(submission.getId()))
        .containsEntry("author", "author1").containsEntry("xml", document)
        .containsEntry("title", "Mediated Information eXchange (MIX)");
    assertThat(taskOf("council1", submission).getAssignee()).isEqualTo("council1");

    // the form's own answer goes through
    assertThat(http.withBasicAuth("council1", "xsf").postForEntity("/engine-rest/task/" + objection.getId() + "/submit-form",
        Map.of("variables", Map.of("objects", typed(false, "Boolean"))), String.class).getStatusCode().value()).isEqualTo(204);
  }

  @Test
  void aStepSubmittedAgainOrTwiceAtOnceIsKeptOnceAndTheOthersAreToldWhy() throws Exception {
    Task review = submittedForFormatReview("author1", "inbox/instant-gaming.xml");
    Map<String, String> accept = Map.of("formatDecision", "accept", "xepType", "Standards Track");

    // a double click, or the Editor and a colleague at once: Camunda answered the later ones with 500s
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(3);
    List<Future<ResponseEntity<String>>> submitted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      submitted.add(clients.submit(() -> {
        go.await();
        return submitThroughEngineRest(http, "editor", review.getId(), accept);
      }));
    }
    go.countDown();
    List<ResponseEntity<String>> answers = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : submitted) {
      answers.add(answer.get(60, TimeUnit.SECONDS));
    }
    clients.shutdown();
    assertThat(answers).filteredOn(answer -> answer.getStatusCode().value() == 204).hasSize(1);
    assertThat(answers).filteredOn(answer -> answer.getStatusCode().value() != 204).allSatisfy(later -> {
      assertThat(later.getStatusCode().value()).isIn(400, 409);
      assertThat(later.getBody()).containsAnyOf("nothing of this request was kept", "Nothing was changed.");
    });
    ResponseEntity<String> again = submitThroughEngineRest(http, "editor", review.getId(), accept);
    assertThat(again.getStatusCode().value()).isEqualTo(400);
    assertThat(again.getBody()).contains("There is no open step " + review.getId()
        + ": someone completed it, or its process moved on without it. Nothing was changed.");
    runDueJobs(review.getProcessInstanceId());
    assertThat(subjects()).filteredOn(subject -> subject.contains("Instant Gaming")).hasSize(1);
  }

  @Test
  void whatAFormOnlyShowsIsNotTheAnswer() {
    Task review = submittedForFormatReview("author2", "inbox/fasten.xml");
    String document = (String) processEngine.getTaskService().getVariable(review.getId(), "xml");

    // Tasklist sends the fields it shows back with the answers: they are left out, changed or not
    Map<String, String> answers = new HashMap<>(Map.of("formatDecision", "accept", "xepType", "Standards Track"));
    answers.put("xml", document.replace("<title>", "<title>Unreviewed "));
    answers.put("findings", "");
    assertThat(submitThroughEngineRest(http, "editor", review.getId(), answers).getStatusCode().value()).isEqualTo(204);
    assertThat((String) runtimeService.getVariable(review.getProcessInstanceId(), "xml")).isEqualTo(document);
    assertThat((String) runtimeService.getVariable(review.getProcessInstanceId(), "findings")).isNotEmpty();
  }

  @Test
  void aStepIsClaimedByWhoeverTakesItAndNoOneElseAnswersForAMember() {
    ProcessInstance submission = protoXepFormatAccepted("author1", "inbox/compatibility-fallback.xml", "Standards Track");
    Task objection = taskOf("council3", submission);
    String objectionClaim = "/engine-rest/task/" + objection.getId() + "/claim";

    // given back, the member's answer would count as the Council meeting's (RecordCouncilResponse)
    assertThat(post("council3", objectionClaim, Map.of()).getBody())
        .contains("is a person's own step, offered to no group to give back to.");
    assertThat(post("council3", objectionClaim, Map.of("userId", "author1")).getBody())
        .contains("is claimed by whoever takes it, not for author1");
    // delegated and resolved, it came back with no one, and the answer counted as the Council meeting's
    ResponseEntity<String> resolved = post("council3", "/engine-rest/task/" + objection.getId() + "/resolve", Map.of());
    assertThat(resolved.getStatusCode().value()).isEqualTo(400);
    assertThat(resolved.getBody()).contains("no step of the procedure is delegated and resolved");
    assertThat(taskOf("council3", submission)).isNotNull();
    // a step made before TASK_WORK keeps UPDATE for its person, who could hand it on with it
    Authorization update = processEngine.getAuthorizationService().createAuthorizationQuery()
        .resourceType(Resources.TASK).resourceId(objection.getId()).userIdIn("council3").singleResult();
    update.addPermission(Permissions.UPDATE);
    processEngine.getAuthorizationService().saveAuthorization(update);
    for (String handOn : List.of("delegate", "assignee")) {
      ResponseEntity<String> handedOn = post("council3", "/engine-rest/task/" + objection.getId() + "/" + handOn,
          Collections.singletonMap("userId", handOn.equals("delegate") ? "author1" : null));
      assertThat(handedOn.getStatusCode().value()).as(handOn).isEqualTo(400);
      assertThat(handedOn.getBody()).contains("a person's own step stays theirs.");
    }
    assertThat(taskOf("council3", submission).getDelegationState()).isNull();
    // someone with no right to the step learns nothing of it from the form's check
    ResponseEntity<String> stranger = http.withBasicAuth("author2", "xsf").postForEntity(
        "/engine-rest/task/" + objection.getId() + "/submit-form",
        Map.of("variables", Map.of("nonsense", typed(true, "Boolean"))), String.class);
    assertThat(stranger.getStatusCode().value()).isEqualTo(403);
    assertThat(stranger.getBody()).doesNotContain("Object to publishing");

    // the Editor's steps are offered to the group: taken, and given back
    Task meeting = processEngine.getTaskService().createTaskQuery().processInstanceId(submission.getId())
        .taskDefinitionKey("Task_RecordMeetingDecision").singleResult();
    String meetingClaim = "/engine-rest/task/" + meeting.getId() + "/claim";
    assertThat(post("editor", meetingClaim, Map.of("userId", "council1")).getStatusCode().value()).isEqualTo(400);
    assertThat(post("editor", meetingClaim, Map.of("userId", "editor")).getStatusCode().value()).isEqualTo(204);
    assertThat(post("editor", meetingClaim, Map.of()).getStatusCode().value()).isEqualTo(204);
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(meeting.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void aTextAnswerIsATextThatPagesMailsAndDatabasesCanHold() {
    Task review = submittedForFormatReview("author1", "inbox/eax-car.xml");

    // PostgreSQL refuses U+0000 in a text column: a server error before, in whichever step wrote it
    ResponseEntity<String> nul = submitThroughEngineRest(http, "editor", review.getId(),
        Map.of("formatDecision", "return", "editorComments", "Fix\u0000 the header."));
    assertThat(nul.getStatusCode().value()).isEqualTo(400);
    assertThat(nul.getBody()).contains("holds a character no text of the procedure may hold: U+0000.");
    ResponseEntity<String> number = http.withBasicAuth("editor", "xsf").postForEntity("/engine-rest/task/" + review.getId()
        + "/submit-form", Map.of("variables", Map.of("formatDecision", typed("return", "String"),
        "editorComments", typed(42, "Integer"))), String.class);
    assertThat(number.getStatusCode().value()).isEqualTo(400);
    assertThat(number.getBody()).contains("is a text, not a value of type Integer.");
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
  }

  @Test
  void anAuthorStartsTheSubmissionAsThemselvesAndAtItsStart() {
    long protoXepsBefore = protoXeps.count();
    long started = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("protoxep-submission").count();

    // the author is whoever is logged in (the start event's initiator), not whom the caller names
    ResponseEntity<String> asSomeoneElse = http.withBasicAuth("author1", "xsf").postForEntity(
        "/engine-rest/process-definition/key/protoxep-submission/submit-form",
        Map.of("variables", Map.of("xml", typed(fixture("inbox/mix.xml"), "String"), "author", typed("author2", "String"))),
        String.class);
    assertThat(asSomeoneElse.getStatusCode().value()).isEqualTo(400);
    assertThat(asSomeoneElse.getBody()).contains("The start form of \\\"ProtoXEP submission and publication (XEP-0001 §4, §5)\\\" has no field 'author'");
    // started past the format check, the Editor and the Council
    ResponseEntity<String> pastTheEditor = http.withBasicAuth("author1", "xsf").postForEntity(
        "/engine-rest/process-definition/key/protoxep-submission/start",
        Map.of("variables", Map.of("xml", typed(fixture("inbox/mix.xml"), "String")),
            "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_AcceptAsXep"))),
        String.class);
    assertThat(pastTheEditor.getStatusCode().value()).isEqualTo(400);
    assertThat(pastTheEditor.getBody()).contains("A process starts at its start form, not at an activity of one's choosing");

    // a business key names a XEP's processes: this one would be listed among another XEP's open steps
    ResponseEntity<String> keyed = http.withBasicAuth("author1", "xsf").postForEntity(
        "/engine-rest/process-definition/key/protoxep-submission/submit-form",
        Map.of("variables", Map.of("xml", typed(fixture("inbox/mix.xml"), "String")), "businessKey", "1"), String.class);
    assertThat(keyed.getStatusCode().value()).isEqualTo(400);
    assertThat(keyed.getBody()).contains("is started with no business key of the caller's");

    assertThat(protoXeps.count()).isEqualTo(protoXepsBefore);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("protoxep-submission").count())
        .isEqualTo(started);

    // the form's own field, through the same call
    ResponseEntity<String> submitted = http.withBasicAuth("author1", "xsf").postForEntity(
        "/engine-rest/process-definition/key/protoxep-submission/submit-form",
        Map.of("variables", Map.of("xml", typed(fixture("inbox/mix.xml"), "String"))), String.class);
    assertThat(submitted.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void operatorsRepairProcessesAsBefore() {
    ProcessInstance submission = protoXepFormatAccepted("author2", "inbox/jingle-rtp-mti.xml", "Standards Track");
    Task objection = taskOf("council2", submission);

    assertThat(put("admin", "/engine-rest/task/" + objection.getId() + "/variables/editorComments",
        typed("Corrected by the operator.", "String")).getStatusCode().value()).isEqualTo(204);
    assertThat(runtimeService.getVariable(submission.getId(), "editorComments")).isEqualTo("Corrected by the operator.");
    assertThat(submission).isWaitingAt("Task_ConsiderObjection");
  }

  private Task taskOf(String member, ProcessInstance submission) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(submission.getId())
        .taskAssignee(member).singleResult();
  }

  private ResponseEntity<String> post(String user, String path, Object body) {
    return http.withBasicAuth(user, "xsf").postForEntity(path, body, String.class);
  }

  private ResponseEntity<String> put(String user, String path, Object body) {
    return http.withBasicAuth(user, "xsf").exchange(path, HttpMethod.PUT, new HttpEntity<>(body), String.class);
  }

  private static Map<String, Object> typed(Object value, String type) {
    return Map.of("value", value, "type", type);
  }
}
