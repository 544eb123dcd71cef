package org.xsf.xepflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;

/** Only the right people act, each sees only their work, and a refused action changes nothing. */
class AuthorizationTest extends LifecycleTestSupport {
  @Autowired
  TestRestTemplate http;

  @Test
  void onlyTheEditorDoesTheEditorsSteps() {
    ProcessInstance submission = startForm("author1", "protoxep-submission", Map.of("xml", fixture("inbox/instant-gaming.xml")));
    Task review = processEngine.getTaskService().createTaskQuery().processInstanceId(submission.getId()).singleResult();

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
    Task update = processEngine.getTaskService().createTaskQuery().processInstanceId(lifecycle.getId())
        .taskDefinitionKey("Task_UpdateExperimental").singleResult();

    assertThatThrownBy(() -> as("author2", () -> formService.submitTaskForm(update.getId(),
        Map.of("authorAction", "retract")))).isInstanceOf(AuthorizationException.class);
    assertThat(registryEntry(lifecycle).getStatus().name()).isEqualTo("Experimental");
  }

  @Test
  void tasklistShowsEachPersonOnlyTheirWork() {
    ProcessInstance lifecycle = accept("author2", "inbox/peptzo.xml", "Standards Track");
    String key = String.valueOf(number(lifecycle));

    assertThat(visibleSteps("author2", key)).containsExactly("Task_UpdateExperimental");
    assertThat(visibleSteps("author1", key)).isEmpty();
    // the Editor records the Council's decisions from start forms: no standing task per XEP
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
    String tasks = "/engine-rest/task?processInstanceBusinessKey=" + number(lifecycle);

    assertThat(http.withBasicAuth("author1", "xsf").getForObject(tasks, String.class)).contains("Task_UpdateExperimental");
    assertThat(http.withBasicAuth("author2", "xsf").getForObject(tasks, String.class)).isEqualTo("[]");
  }

  private java.util.List<String> visibleSteps(String user, String businessKey) {
    return as(user, () -> processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .list().stream().map(Task::getTaskDefinitionKey).toList());
  }
}
