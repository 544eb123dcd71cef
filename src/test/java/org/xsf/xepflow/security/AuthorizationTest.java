package org.xsf.xepflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.Xep;

/** Only the right people act, each sees only their work, and a refused action changes nothing. */
class AuthorizationTest extends LifecycleTestSupport {
  @Autowired
  TestRestTemplate http;

  @Test
  void onlyTheEditorDoesTheEditorsSteps() {
    Task review = submittedForFormatReview("author1", "inbox/instant-gaming.xml");

    for (String notTheEditor : new String[] {"author1", "council1", "board1"}) {
      assertThatThrownBy(() -> as(notTheEditor, () -> formService.submitTaskForm(review.getId(),
          Map.of("formatDecision", "accept", "xepType", "Standards Track")))).isInstanceOf(AuthorizationException.class);
    }
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
    assertThat(standardsList.messages()).isEmpty();
  }

  @Test
  void anAuthorActsOnlyOnTheirOwnXeps() {
    ProcessInstance lifecycle = accept("author1", "inbox/xor.xml", "Standards Track");

    assertThatThrownBy(() -> submitAsAuthor("author2", lifecycle, Map.of("authorAction", "retract")))
        .isInstanceOf(AuthorizationException.class)
        .hasMessage("Only the author of XEP-%04d may do this, not author2".formatted(number(lifecycle)));
    // nor by naming the author as the one who records it: who records it is who is logged in
    assertThatThrownBy(() -> submitAsAuthor("author2", lifecycle, Map.of("authorAction", "retract", "recordedBy", "author1")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no field 'recordedBy'");
    // a Council member may not start the author's form at all
    assertThatThrownBy(() -> submitAsAuthor("council1", lifecycle, Map.of("authorAction", "retract")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(registryEntry(lifecycle).getStatus().name()).isEqualTo("Experimental");
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction", "Message_CouncilDecisionExperimental");
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("submit-new-version").variableValueEquals("xep", Xep.label(number(lifecycle))).count()).isZero();
  }

  @Test
  void tasklistShowsEachPersonOnlyTheirWork() {
    ProcessInstance lifecycle = accept("author2", "inbox/peptzo.xml", "Standards Track");
    String key = String.valueOf(number(lifecycle));

    // authors submit new versions and the Editor records the Council's decisions from start forms:
    // no standing task per XEP
    assertThat(visibleSteps("author2", key)).isEmpty();
    assertThat(visibleSteps("author1", key)).isEmpty();
    assertThat(visibleSteps("editor", key)).isEmpty();
    assertThat(visibleSteps("council1", key)).isEmpty();
  }

  @Test
  void anonymousPeopleSeeOnlyThePublishedSite() {
    assertThat(http.getForEntity("/api/xeps", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/extensions/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/lists/standards", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theRestApiShowsEachPersonOnlyTheirTasks() {
    ProcessInstance lifecycle = accept("author1", "inbox/rsf.xml", "Standards Track");
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "Revised")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "return", "editorComments", "Please add a security section."));
    String tasks = "/engine-rest/task?processInstanceBusinessKey=" + number(lifecycle);

    assertThat(http.withBasicAuth("author1", "xsf").getForObject(tasks, String.class)).contains("Task_ReviseVersion");
    assertThat(http.withBasicAuth("author2", "xsf").getForObject(tasks, String.class)).isEqualTo("[]");
  }

  private java.util.List<String> visibleSteps(String user, String businessKey) {
    return as(user, () -> processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .list().stream().map(Task::getTaskDefinitionKey).toList());
  }
}
