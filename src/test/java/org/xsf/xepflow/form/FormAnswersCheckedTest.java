package org.xsf.xepflow.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * A form submitted through the REST APIs is held to what the form itself accepts, as Tasklist holds
 * it in the browser: nothing the form does not offer reaches the diagram.
 */
@ExtendWith(OutputCaptureExtension.class)
class FormAnswersCheckedTest extends ProcessTestSupport {
  @Autowired
  TestRestTemplate http;
  @Autowired
  HistoryService historyService;

  @Test
  void aTaskFormsChoicesAreTheOnlyAnswersTheEngineTakes(CapturedOutput log) {
    Task review = submittedForFormatReview("author1", "inbox/mix.xml");

    // a decision no form offers would reach "Format correct?" with no way out: a server error before
    ResponseEntity<String> response = submit(review, Map.of("formatDecision", "maybe", "xepType", "Standards Track"));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("'maybe' is not an answer to \\\"Is the format correct?\\\": accept, return.");
    // a type no form offers would fail the acceptance two weeks later, in a Council member's step or a timer
    response = submit(review, Map.of("formatDecision", "accept", "xepType", "Standards Trak"));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("'Standards Trak' is not an answer to");
    response = submit(review, Map.of("xepType", "Informational"));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("\\\"Is the format correct?\\\" needs an answer: accept, return.");
    // the comments the form requires once the document goes back: the author got none to address
    response = submit(review, Map.of("formatDecision", "return"));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("\\\"Comments for the author\\\" needs an answer.");
    assertThat(log.getAll()).doesNotContain("ENGINE-02004").doesNotContain("ENGINE-16004");
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();

    assertThat(submit(review, Map.of("formatDecision", "accept", "xepType", "Informational")).getStatusCode().value())
        .isEqualTo(204);
  }

  @Test
  void aTypeTheHeaderWritesInOtherLettersIsTheFormsOwnOption() {
    var submission = startForm("author2", "protoxep-submission",
        Map.of("xml", fixture("inbox/mix.xml").replace("<type>Standards Track</type>", "<type>standards track</type>")));
    Task review = processEngine.getTaskService().createTaskQuery().processInstanceId(submission.getId()).singleResult();

    assertThat(submit(review, Map.of("formatDecision", "return", "editorComments", "Please add a jid.")).getStatusCode().value())
        .isEqualTo(204);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(submission.getId())
        .variableName("xepType").singleResult().getValue()).isEqualTo("Standards Track");
  }

  @Test
  void aStartFormsAnswersAreHeldToItsFieldsAndNothingStartsOtherwise() {
    long started = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("council-decision-experimental").count();

    assertThatThrownBy(() -> startForm("editor", "council-decision-experimental",
        Map.of("xep", "XEP-0001", "councilDecision", "promote")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'promote' is not an answer to");
    assertThatThrownBy(() -> startForm("editor", "council-decision-experimental",
        Map.of("xep", "XEP-0001", "councilDecision", "ready", "interim", "yes")))
        .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("is true or false, not 'yes'.");
    assertThatThrownBy(() -> startForm("editor", "reassign-xep", Map.of("xep", "XEP-0001", "reassignReason", "r".repeat(3901))))
        .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("takes at most 3,900 characters, not 3,901.");
    assertThatThrownBy(() -> startForm("editor", "reassign-xep", Map.of("xep", "60", "reassignReason", "Resumed.")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("'60' is not what");
    // a pattern's $ ends the answer, as in the browser's JavaScript, not before a last line break as in Java's
    assertThatThrownBy(() -> startForm("editor", "reassign-xep", Map.of("xep", "XEP-0001\n", "reassignReason", "Resumed.")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("'XEP-0001\n' is not what");

    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("council-decision-experimental").count())
        .isEqualTo(started);
  }

  private ResponseEntity<String> submit(Task task, Map<String, String> fields) {
    return submitThroughEngineRest(http, "editor", task.getId(), fields);
  }
}
