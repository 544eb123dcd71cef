package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepVersion;

/**
 * Changes to Draft and Final XEPs the Editor judges not material, published at once (XEP-0001
 * sections 8.1, 10), next to the material ones, which the Council approves first; and the Council's
 * demand to reverse a change to a Draft, Final or Active XEP.
 */
class EditorialChangeTest extends LifecycleTestSupport {
  private static final Map<String, String> UNANIMOUS =
      Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1");
  private static final String MINUTES = "https://logs.xmpp.org/council/2026-06-30#reversal";

  @Test
  void anEditorialChangeToADraftIsPublishedAndAnnouncedAtOnceWithoutAVote() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    ProcessInstance change = reviewedChange(lifecycle, "1.0.1", "Editorial: fixed a typo.",
        Map.of("versionDecision", "publish", "changeKind", "editorial"));
    runAllDueJobs(lifecycle);

    assertThat(change).hasPassed("Task_PublishNewVersion", "Task_AnnounceNewVersion", "End_VersionPublished")
        .hasNotPassed("Task_PublishProvisionally", "CallActivity_ApproveChange").isEnded();
    assertThat(openVote(lifecycle.getId())).isNull();
    XepVersion published = registryEntry(lifecycle).currentVersion();
    assertThat(published.getVersion()).isEqualTo("1.0.1");
    assertThat(published.isProvisional()).isFalse();
    assertThat(published.isEditorial()).isTrue();
    assertThat(registryEntry(lifecycle).version("1.0")).get().extracting(XepVersion::isEditorial).isEqualTo(false);
    assertThat(runtimeService.getVariable(lifecycle.getId(), "version")).isEqualTo("1.0.1");
    assertThat(announcement("UPDATED: XEP-%04d".formatted(number(lifecycle))))
        .contains("Version 1.0.1 of XEP-%04d".formatted(number(lifecycle)), "Editorial: fixed a typo.",
            "published this version as an editorial change", "(XEP-0001 section 8.1)",
            "The XMPP Council may demand its reversal.");
    assertStatus(lifecycle, XepStatus.Draft);
  }

  @Test
  void aFinalXepTakesAnEditorialChangeAtOnceAndAMaterialOneAfterTheCouncilsVote() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    proposeForFinal(twoImplementationsPresented(lifecycle), "1.0");
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);

    ProcessInstance editorial = reviewedChange(lifecycle, "2.0.1", "Editorial: fixed a broken link.",
        Map.of("versionDecision", "publish", "changeKind", "editorial"));
    runAllDueJobs(lifecycle);
    assertThat(editorial).hasNotPassed("CallActivity_ApproveChange").isEnded();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("2.0.1");
    assertThat(announcement("UPDATED: XEP-%04d".formatted(number(lifecycle)))).contains("(XEP-0001 section 10)");

    // material: as before, the Council votes first, nothing goes to tmp/
    ProcessInstance material = reviewedChange(lifecycle, "2.1", "New feature.",
        Map.of("versionDecision", "publish", "changeKind", "material"));
    assertThat(material).isWaitingAt("CallActivity_ApproveChange").hasNotPassed("Task_PublishProvisionally");
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("2.0.1");
    castVotes(material.getId(), UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("2.1");
    assertThat(registryEntry(lifecycle).currentVersion().isEditorial()).isFalse();
  }

  @Test
  void everyChangeToAnActiveXepGoesToTheApprovingBodyWhateverTheEditorSends() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);

    // the form hides the question for an Active XEP; an answer sent anyway changes nothing
    ProcessInstance change = reviewedChange(lifecycle, "1.1", "Clarified.",
        Map.of("versionDecision", "publish", "changeKind", "editorial"));
    assertThat(change).isWaitingAt("CallActivity_ApproveChange");
    castVotes(change.getId(), UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");
    assertThat(registryEntry(lifecycle).currentVersion().isEditorial()).isFalse();
    assertThat(announcement("UPDATED: XEP-%04d".formatted(number(lifecycle)))).doesNotContain("editorial");
  }

  @Test
  void aChangeToADraftIsNotPublishedUntilTheEditorSaysWhetherItIsMaterial() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.0.1", "A change")));
    ProcessInstance change = called(lifecycle, "new-version");

    assertThatThrownBy(() -> complete("editor", change.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "publish"))).isInstanceOf(InvalidInputException.class)
        .hasMessage("\"Could the change reasonably be construed as material?\" needs an answer: material, editorial.");
    assertThatThrownBy(() -> complete("editor", change.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "publish", "changeKind", "typo"))).rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("'typo' is not an answer to \"Could the change reasonably be construed as material?\"");
    // an operator, whom the forms do not hold, gets no further: no way out of the gateway without the answer
    assertThatThrownBy(() -> as("admin", () -> processEngine.getTaskService().complete(
        processEngine.getTaskService().createTaskQuery().processInstanceId(change.getId()).singleResult().getId(),
        Map.of("versionDecision", "publish")))).hasMessageContaining("Gateway_MaterialChange");

    assertThat(change).isWaitingAt("Task_EditorReviewVersion");
    assertThat(registryEntry(lifecycle).version("1.0.1")).isEmpty();
    // sending it back needs no answer about the change
    complete("editor", change.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "return", "editorComments", "Say what changed."));
    assertThat(change).isWaitingAt("Task_ReviseVersion");
  }

  @Test
  void theCouncilsDemandReversesTheCurrentVersionOfADraftAsANewVersionWithTheTextBeforeIt() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    int number = number(lifecycle);
    reviewedChange(lifecycle, "1.0.1", "Editorial: reworded the introduction.",
        Map.of("versionDecision", "publish", "changeKind", "editorial"));
    runAllDueJobs(lifecycle);
    String before = registryEntry(lifecycle).version("1.0").orElseThrow().getDocument();

    String yesterday = today().minusDays(1).toString();
    ProcessInstance demand = demandReversal(lifecycle, "1.0.1", "1.0.2", Map.of("councilDecidedOn", yesterday));
    runAllDueJobs(lifecycle);

    assertThat(demand).isEnded();
    XepVersion reversal = registryEntry(lifecycle).currentVersion();
    assertThat(reversal.getVersion()).isEqualTo("1.0.2");
    assertThat(reversal.isEditorial()).isFalse();
    assertThat(reversal.getDocument()).contains("<status>Draft</status>")
        .containsPattern("<revision>\\s*<version>1.0.2</version>\\s*<date>[-0-9]+</date>\\s*<initials>XEP Editor</initials>\\s*"
            + "<remark><p>Reversal of version 1.0.1, as demanded by the XMPP Council on " + yesterday
            + ": the text of version 1.0.</p></remark>"
            // the reversed version stays in the history (it was left out: the history went from 1.0 to 1.0.2)
            + "\\s*</revision>\\s*<revision>\\s*<version>1.0.1</version>\\s*<date>[-0-9]+</date>\\s*<initials>[^<]*</initials>\\s*"
            + "<remark><p>Editorial: reworded the introduction.</p></remark>")
        // the rest is the text of 1.0
        .endsWith(before.substring(before.indexOf("<revision>")));
    assertThat(runtimeService.getVariable(lifecycle.getId(), "version")).isEqualTo("1.0.2");
    assertThat(announcement("REVERSED: XEP-%04d (Data Policy) version 1.0.1".formatted(number)))
        .contains("The XMPP Council has demanded the reversal of the changes in version 1.0.1 of XEP-%04d".formatted(number),
            "in the Draft state (XEP-0001 section 8.1)", "The Council decided so on " + yesterday + ": " + MINUTES,
            "Version 1.0.2 has been released with the text of version 1.0.");
    assertThat(lifecycle).isWaitingAt("Gateway_DraftChangeOrReversal");
    assertStatus(lifecycle, XepStatus.Draft);
  }

  @Test
  void aDemandToReverseIsRefusedAndChangesNothingUnlessItNamesTheCurrentChangeOfADraftFinalOrActiveXepAtRest() {
    ProcessInstance experimental = accept("author1", "inbox/xor.xml", "Standards Track");
    assertThatThrownBy(() -> demandReversal(experimental, "0.1", "0.2")).isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Experimental: this applies only to a XEP that is Draft, Final or Active"
            .formatted(number(experimental)));

    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    int number = number(lifecycle);
    // the status change's own revision is the vote's, not a change
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0", "1.0.1")).isInstanceOf(InvalidInputException.class)
        .hasMessage("Version 1.0 is the revision XEP-%04d became Draft with, by the approving body's vote: a status is not reversed as a change. Nothing was changed."
            .formatted(number));
    reviewedChange(lifecycle, "1.0.1", "Editorial: typo.", Map.of("versionDecision", "publish", "changeKind", "editorial"));
    runAllDueJobs(lifecycle);
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0", "1.0.2")).isInstanceOf(InvalidInputException.class)
        .hasMessage("Version 1.0 is not the current version of XEP-%04d: the Council's demand reverses the change of its current version, 1.0.1. Nothing was changed."
            .formatted(number));
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.1.0")).isInstanceOf(InvalidInputException.class)
        .hasMessage("Version 1.0.1.0 of XEP-%04d does not come after its version 1.0.1: number the reversal above its current version. Nothing was changed."
            .formatted(number));
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "0.9")).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Version 0.9 of XEP-%04d does not come after its version".formatted(number));
    // when and where the Council decided: a day of the calendar, not to come, and an http(s) address
    String tomorrow = today().plusDays(1).toString();
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.2", Map.of("councilDecidedOn", tomorrow)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The Council decided on %s, after today (%s): give the day of its decision. Nothing was changed."
            .formatted(tomorrow, today()));
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.2", Map.of("councilDecidedOn", "2026-02-30")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The day the Council decided is a day of the calendar such as 2026-06-30, not '2026-02-30'. Nothing was changed.");
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.2", Map.of("councilDecidedOn", "30 June 2026")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("'30 June 2026' is not what \"Day the Council decided (yyyy-mm-dd)\" asks for");
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.2", Map.of("councilMinutesUrl", "logs.xmpp.org/council")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'logs.xmpp.org/council' is not what \"Address of the Council's minutes, or of the list message recording the decision\""
            + " asks for: An http or https address, e.g. https://logs.xmpp.org/council/2026-06-30.");
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.2", Map.of("councilMinutesUrl", "")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("\"Address of the Council's minutes, or of the list message recording the decision\" needs an answer.");
    // a change under review: the lifecycle does not take the demand until it is published or dropped
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Under review")));
    // the Editor's task of the Registrar, once its job has read the namespaces, is not what the XEP waits for
    runtimeService.createProcessInstanceQuery().processDefinitionKey("namespace-registration")
        .processInstanceBusinessKey(String.valueOf(number)).list().forEach(registration -> runDueJobs(registration.getId()));
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0.1", "1.0.2")).isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Draft, but is not waiting for this now; it waits for: Publish version 1.1 of XEP-%04d?"
            .formatted(number, number));

    assertThat(registryEntry(lifecycle).getVersions()).extracting(XepVersion::getVersion).containsExactly("0.1", "1.0", "1.0.1");
    assertThat(runtimeService.getVariables(lifecycle.getId())).doesNotContainKeys("councilDecidedOn", "councilMinutesUrl");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("council-demands-reversal").count()).isZero();
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("reverse-change")
        .processInstanceBusinessKey(String.valueOf(number)).count()).isZero();
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("REVERSED"));
  }

  @Test
  void aReversalEndsAnOpenVoteOnFinalWhichBindsTheRevisionItWasOpenedOn() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    reviewedChange(lifecycle, "1.0.1", "Editorial: typo.", Map.of("versionDecision", "publish", "changeKind", "editorial"));
    runAllDueJobs(lifecycle);
    proposeForFinal(twoImplementationsPresented(lifecycle), "1.0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1"));

    demandReversal(lifecycle, "1.0.1", "1.0.2");
    runAllDueJobs(lifecycle);

    assertThat(openVote(lifecycle.getId())).isNull();
    assertThat(lifecycle).isWaitingAt("Task_ProposeFinalRevisionAgain");
    complete("editor", lifecycle.getId(), "Task_ProposeFinalRevisionAgain", Map.of("proposedVersion", "1.0.2"));
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);
  }

  @Test
  void aChangeTheApprovingBodyApprovedToAnActiveXepIsReversedToo() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    ProcessInstance change = reviewedChange(lifecycle, "1.1", "Clarified.", Map.of("versionDecision", "publish"));
    // while the approving body votes on it, the demand is refused, and says why
    assertThatThrownBy(() -> demandReversal(lifecycle, "1.0", "1.0.1")).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("XEP-%1$04d (Informational) is Active, but is not waiting for this now; it waits for: Vote on XEP-%1$04d version 1.1: "
            .formatted(number(lifecycle)));
    assertThat(change).isWaitingAt("CallActivity_ApproveChange");
    castVotes(change.getId(), UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");

    demandReversal(lifecycle, "1.1", "1.2");
    runAllDueJobs(lifecycle);

    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.2");
    assertThat(registryEntry(lifecycle).currentVersion().getDocument()).contains("<status>Active</status>")
        .contains("Reversal of version 1.1, as demanded by the XMPP Council on %s: the text of version 1.0.".formatted(today()));
    assertThat(announcement("REVERSED: XEP-%04d".formatted(number(lifecycle)))).contains("(XEP-0001 section 10)");
    assertThat(lifecycle).isWaitingAt("Gateway_ApprovedChangeOrReversal", "Message_CouncilDecisionApproved");
    assertStatus(lifecycle, XepStatus.Active);
  }

  private ProcessInstance demandReversal(ProcessInstance lifecycle, String reversed, String reversal) {
    return demandReversal(lifecycle, reversed, reversal, Map.of());
  }

  /** The Editor's start form: the Council decided today, with its minutes at {@link #MINUTES}, unless {@code instead} says otherwise. */
  private ProcessInstance demandReversal(ProcessInstance lifecycle, String reversed, String reversal, Map<String, Object> instead) {
    Map<String, Object> form = new HashMap<>(Map.of("reversedVersion", reversed, "reversalVersion", reversal,
        "councilDecidedOn", today().toString(), "councilMinutesUrl", MINUTES));
    form.putAll(instead);
    return recordDecision("council-demands-reversal", lifecycle, form);
  }

  /** Today as the engine's clock and revision entries date it. */
  private static LocalDate today() {
    return LocalDate.parse(EditorsVersion.day(ClockUtil.getCurrentTime().toInstant()));
  }

  /** The author submits a new version of the XEP and the Editor completes the review with these answers. */
  private ProcessInstance reviewedChange(ProcessInstance lifecycle, String version, String remark, Map<String, Object> review) {
    submitAsAuthor(registryEntry(lifecycle).getAuthor(), lifecycle, Map.of("xml", nextVersion(lifecycle, version, remark)));
    ProcessInstance change = called(lifecycle, "new-version");
    complete("editor", change.getId(), "Task_EditorReviewVersion", review);
    return change;
  }

  /** The body of the newest mail whose subject starts so. */
  private String announcement(String subjectStart) {
    return standardsList.messages().stream().filter(m -> subject(m).startsWith(subjectStart))
        .reduce((first, second) -> second).map(m -> body(m)).orElseThrow();
  }
}
