package org.xsf.xepflow.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepType;

/**
 * The Editor records decisions on a XEP from Tasklist's start forms; the XEP's lifecycle waits for
 * them with a message event instead of a task per XEP in the Editor's list.
 */
class RecordDecisionTest extends LifecycleTestSupport {
  private static final List<String> DECISIONS = List.of("council-decision-experimental", "reassign-xep",
      "council-decision-draft", "council-decision-approved", "convert-historical-xep", "declare-obsolete",
      "council-demands-reversal");

  @Test
  void theEditorAloneCanStartADecisionInTasklist() {
    assertThat(startable("editor")).containsAll(DECISIONS);
    assertThat(startable("council1")).doesNotContainAnyElementsOf(DECISIONS);
    assertThat(startable("author1")).doesNotContainAnyElementsOf(DECISIONS);
  }

  @Test
  void aDecisionGoesToTheLifecycleOfTheXepItNames() {
    ProcessInstance lifecycle = accept("author1", "inbox/xor.xml", "Standards Track");
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction", "Message_CouncilDecisionExperimental");

    // a field the form does not have (sent through the REST API) is refused: it would not reach the lifecycle either
    assertThatThrownBy(() -> recordDecision("council-decision-experimental", lifecycle,
        Map.of("councilDecision", "queue", "status", "Final")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no field 'status'");
    assertThat(runtimeService.getVariable(lifecycle.getId(), "queuedForAdvancement")).isEqualTo(false);
    ProcessInstance decision = recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "queue"));

    assertThat(decision).isEnded().variables().containsEntry("recordedBy", "editor");
    assertThat(runtimeService.getVariable(lifecycle.getId(), "queuedForAdvancement")).isEqualTo(true);
    // the decision's own fields stay with it
    assertThat(runtimeService.getVariables(lifecycle.getId())).doesNotContainKeys("xep", "recordedBy");
    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction", "Message_CouncilDecisionExperimental");
  }

  @Test
  void aDecisionTheXepIsNotWaitingForIsRefusedAndChangesNothing() {
    ProcessInstance lifecycle = accept("author1", "inbox/rsf.xml", "Standards Track");
    long decisionsBefore = decisionsRecorded();

    assertThatThrownBy(() -> recordDecision("reassign-xep", lifecycle, Map.of("reassignReason", "Work resumed.")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Experimental: this applies only to a XEP that is Deferred"
            .formatted(number(lifecycle)));
    assertThatThrownBy(() -> recordDecision("declare-obsolete", lifecycle, Map.of("obsoleteReason", "Unused.")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Experimental: this applies only to a XEP that is Deprecated"
            .formatted(number(lifecycle)));

    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental);
    assertThat(decisionsRecorded()).isEqualTo(decisionsBefore);
  }

  @Test
  void aRefusalNamesTheStatusesInWhichTheDiagramTheXepsLifecycleRunsTakesTheDecision(@TempDir Path changed)
      throws Exception {
    ProcessInstance before = accept("author1", "inbox/mix.xml", "Standards Track");
    ProcessInstance[] after = new ProcessInstance[1];
    // a diagram whose Draft XEPs take a retraction where they took the Council's demand of a reversal
    withLifecycleDiagramEdited(changed, diagram -> diagram.replace(
        "id=\"MessageDef_DraftReversalDemanded\" messageRef=\"Message_ReversalDemanded\"",
        "id=\"MessageDef_DraftReversalDemanded\" messageRef=\"Message_RetractionRequested\""), () -> {
      after[0] = accept("author2", "inbox/fasten.xml", "Standards Track");

      assertReversalRefused(after[0], "Final or Active");
      // the lifecycle started before keeps its diagram, whatever the latest is (before: the latest's statuses)
      assertReversalRefused(before, "Draft, Final or Active");
    });
    // bpmn/'s diagram is the latest again, and the lifecycle started on the edited one still runs that
    assertReversalRefused(after[0], "Final or Active");
    assertReversalRefused(before, "Draft, Final or Active");
  }

  private void assertReversalRefused(ProcessInstance lifecycle, String statuses) {
    assertThatThrownBy(() -> recordDecision("council-demands-reversal", lifecycle,
        Map.of("reversedVersion", "0.1", "reversalVersion", "0.2", "councilDecidedOn", "2026-06-30",
            "councilMinutesUrl", "https://logs.xmpp.org/council/2026-06-30"))).isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Experimental: this applies only to a XEP that is %s"
            .formatted(number(lifecycle), statuses));
  }

  @Test
  void aDecisionNoStatusOfTheXepsLifecycleTakesIsRefusedAsTheFormAndTheDiagramOutOfStep(@TempDir Path changed)
      throws Exception {
    // an Editor renamed the lifecycle's message for an obsolescence, but not the one declare-obsolete sends
    withLifecycleDiagramEdited(changed, diagram -> diagram.replace(
        "name=\"ObsolescenceRecorded\"", "name=\"ObsolescenceDeclared\""), () -> {
      ProcessInstance lifecycle = accept("author1", "inbox/xor.xml", "Standards Track");
      long decisionsBefore = decisionsRecorded();

      // before: an IllegalStateException, a server error
      assertThatThrownBy(() -> recordDecision("declare-obsolete", lifecycle, Map.of("obsoleteReason", "Unused.")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(("XEP-%04d's lifecycle does not take \"The Council declares a Deprecated XEP Obsolete (XEP-0001 §9.10)\""
              + " in any status: its diagram has no event for the message ObsolescenceRecorded, so this form and that"
              + " diagram are out of step. Nothing was recorded; please tell the operator.").formatted(number(lifecycle)));

      assertStatus(lifecycle, XepStatus.Experimental);
      assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental);
      assertThat(decisionsRecorded()).isEqualTo(decisionsBefore);
      assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction", "Message_CouncilDecisionExperimental");
    });
  }

  @Test
  void onlyAHistoricalXepIsConvertedToTheStandardsTrack() {
    ProcessInstance lifecycle = accept("author1", "xep-0134.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    long decisionsBefore = decisionsRecorded();

    // Active is a state that takes a conversion, but only that of a Historical XEP waits for it
    // (before: "is Active, but is not waiting for this", as if it might later)
    assertThatThrownBy(() -> recordDecision("convert-historical-xep", lifecycle, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Informational) is Active: this applies only to a Historical XEP that is Final or Active"
            .formatted(number(lifecycle)));
    // a Historical XEP not yet Active is told both (before: that it should be Final or Active only)
    ProcessInstance historical = accept("author2", "xep-0003.xml", "Historical");
    assertThatThrownBy(() -> recordDecision("convert-historical-xep", historical, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Historical) is Experimental: this applies only to a Historical XEP that is Final or Active"
            .formatted(number(historical)));

    assertStatus(lifecycle, XepStatus.Active);
    assertThat(registryEntry(lifecycle).getType()).isEqualTo(XepType.INFORMATIONAL);
    assertThat(decisionsRecorded()).isEqualTo(decisionsBefore);
    assertThat(lifecycle).isWaitingAt("Gateway_ApprovedChangeOrReversal", "Message_CouncilDecisionApproved")
        .isNotWaitingAt("Message_ConvertToStandardsTrack");
  }

  @Test
  void aXepThatDoesNotExistOrIsNotNamedAsAXepIsRefused() {
    assertThatThrownBy(() -> startForm("editor", "council-decision-draft", Map.of("xep", "XEP-9999", "councilDecision", "deprecate")))
        .isInstanceOf(InvalidInputException.class).hasMessage("There is no XEP-9999");
    // numbers past 99999 are labelled with all their digits
    assertThatThrownBy(() -> startForm("editor", "reassign-xep", Map.of("xep", "XEP-123456", "reassignReason", "Resumed.")))
        .isInstanceOf(InvalidInputException.class).hasMessage("There is no XEP-123456");
    // an author's new version too, before any question of whose XEP it is
    assertThatThrownBy(() -> startForm("author1", "submit-new-version", Map.of("xep", "XEP-9999", "xml", "<xep/>")))
        .isInstanceOf(InvalidInputException.class).hasMessage("There is no XEP-9999");
    assertThatThrownBy(() -> startForm("editor", "council-decision-draft", Map.of("xep", "60", "councilDecision", "deprecate")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("'60' is not what \"XEP (e.g. XEP-0060)\" asks for");
  }

  @Test
  void onlyTheEditorRecordsADecision() {
    ProcessInstance lifecycle = accept("author2", "inbox/peptzo.xml", "Standards Track");
    String xep = "XEP-%04d".formatted(number(lifecycle));

    for (String notTheEditor : new String[] {"author2", "council1", "board1"}) {
      assertThatThrownBy(() -> startForm(notTheEditor, "council-decision-experimental",
          Map.of("xep", xep, "councilDecision", "ready"))).isInstanceOf(AuthorizationException.class);
    }
    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction", "Message_CouncilDecisionExperimental");
  }

  private List<String> startable(String user) {
    return as(user, () -> repositoryService.createProcessDefinitionQuery().latestVersion().startableInTasklist()
        .startablePermissionCheck().list().stream().map(ProcessDefinition::getKey).toList());
  }

  private long decisionsRecorded() {
    return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(DECISIONS.toArray(String[]::new)).count();
  }
}
