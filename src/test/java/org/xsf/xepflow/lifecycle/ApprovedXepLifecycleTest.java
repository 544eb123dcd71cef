package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsf.xepflow.registry.XepStatus;

/**
 * Active interim XEPs (XEP-0001 §11), a Draft the Council deprecates and then declares Obsolete
 * (§9, §10), and new versions the Editor returns or the approving body does not approve (§6, §10).
 */
class ApprovedXepLifecycleTest extends LifecycleTestSupport {
  private static final Map<String, String> UNANIMOUS =
      Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1");

  @Test
  void anActiveInterimXepIsReaffirmedOnceAndThenExpires() {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Informational");
    proposeForAdvancement(lifecycle, true);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    assertThat(registryEntry(lifecycle).getExpires()).isNotNull();

    advanceClock(Duration.ofDays(185));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_ApprovedReaffirmInterim", Map.of("reaffirmed", true));
    assertStatus(lifecycle, XepStatus.Active);
    assertThat(lifecycle).isWaitingAt("Timer_ApprovedInterimExpires", "Message_CouncilDecisionApproved",
        "Gateway_ApprovedChangeOrReversal");
    advanceClock(Duration.ofDays(185));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_ApprovedReaffirmInterim", Map.of("reaffirmed", false));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deprecated);
  }

  @Test
  void anActiveInterimXepExpiresWhenItsSuccessorIsApproved() {
    ProcessInstance interim = accept("author1", "inbox/muc-presence-versioning.xml", "Informational");
    ProcessInstance successor = accept("author2", "inbox/pubsub-uri.xml", "Informational");
    recordDecision("council-decision-experimental", interim, Map.of("councilDecision", "ready",
        "interim", true, "interimSuccessor", "XEP-%04d".formatted(number(successor))));
    runAllDueJobs(interim);
    lastCallEndsWithProposal(interim, "0.1");
    castVotes(interim, UNANIMOUS);
    runAllDueJobs(interim);
    assertStatus(interim, XepStatus.Active);
    assertThat(interim).isWaitingAt("Message_ApprovedSuccessorApproved", "Message_CouncilDecisionApproved",
        "Gateway_ApprovedChangeOrReversal");

    // another XEP's approval is not its successor's
    ProcessInstance unrelated = accept("author2", "inbox/rsf.xml", "Informational");
    advanceByUnanimousVote(unrelated);
    assertStatus(unrelated, XepStatus.Active);
    runAllDueJobs(interim);
    assertStatus(interim, XepStatus.Active);

    advanceByUnanimousVote(successor);
    assertStatus(successor, XepStatus.Active);
    runAllDueJobs(interim);

    assertStatus(interim, XepStatus.Deprecated);
  }

  @Test
  void aChangeAwaitingTheEditorWhenTheCouncilDeprecatesTheXepEndsWithWordToItsAuthor() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Clarified")));
    ProcessInstance change = called(lifecycle, "new-version");

    recordDecision("council-decision-approved", lifecycle, Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0065"));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deprecated);
    assertThat(change).isEnded();
    assertThat(mailsTitled("Not published: version 1.1 of " + label(lifecycle))).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("author2@example.org");
      // before: "when the status of XEP-NNNN changed", and that it might be submitted again
      assertThat(body(mail)).contains("changed to Deprecated, so it was not published",
          "Reason: Deprecated by the XMPP Council: superseded by XEP-0065.",
          "A Deprecated XEP takes no new versions").doesNotContain("submit it again");
    });
    // never announced provisionally (not a Draft XEP), so nothing to withdraw on the list
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("WITHDRAWN:"));
  }

  @Test
  void aChangeCutShortWhoseAuthorHasNoAddressDoesNotHoldTheCouncilsDecisionBack() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Clarified")));
    withoutMailAddress("author2", () -> {
      // before: the decision failed: "No mail address for user 'author2'"
      recordDecision("council-decision-approved", lifecycle, Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0065"));
      runAllDueJobs(lifecycle);
      assertStatus(lifecycle, XepStatus.Deprecated);
      assertThat(subjects()).noneMatch(subject -> subject.startsWith("Not published:"));
    });
  }

  @Test
  void aChangeStartedOnAnEarlierDiagramCutShortWhoseAuthorHasNoAddressDoesNotHoldTheCouncilsDecisionBack(
      @TempDir Path earlier) throws Exception {
    ProcessInstance[] lifecycle = new ProcessInstance[1];
    // new-version as changes started before the forty-third session have it: its end listener tells the
    // author itself (its lifecycle's diagram, current here, does not matter to it), an address missing as ''
    withDiagramEdited(earlier, "new-version", diagram -> diagram.replace("lifecycleTellsCutShort", "notToldSo")
        .replaceFirst(Pattern.quote("${people.address(author)}"), Matcher.quoteReplacement("${people.address(author).orElse('')}")),
        () -> lifecycle[0] = aChangeAwaitingTheEditor());
    withoutMailAddress("author2", () -> {
      recordDecision("council-decision-approved", lifecycle[0],
          Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0065"));
      runAllDueJobs(lifecycle[0]);
    });

    assertStatus(lifecycle[0], XepStatus.Deprecated);
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("Not published:"));
  }

  @Test
  void aChangeOfALifecycleStartedOnAnEarlierDiagramCutShortIsToldItsAuthorOnce(@TempDir Path earlier) throws Exception {
    ProcessInstance[] lifecycle = new ProcessInstance[1];
    // a lifecycle started before the forty-fourth session has no step that tells of a change cut short
    withLifecycleDiagramEdited(earlier, diagram -> diagram.replace(
        "<camunda:in sourceExpression=\"${true}\" target=\"lifecycleTellsCutShort\" />", ""),
        () -> lifecycle[0] = aChangeAwaitingTheEditor());
    recordDecision("council-decision-approved", lifecycle[0], Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0065"));
    runAllDueJobs(lifecycle[0]);

    assertStatus(lifecycle[0], XepStatus.Deprecated);
    // so new-version tells its author as it ends (without the status, not decided yet), and only it
    assertThat(mailsTitled("Not published: version 1.1 of " + label(lifecycle[0]))).singleElement()
        .satisfies(mail -> assertThat(body(mail)).contains("when the status of XEP-%04d changed, so".formatted(number(lifecycle[0]))));
  }

  /** An Active XEP whose author's new version awaits the Editor. */
  private ProcessInstance aChangeAwaitingTheEditor() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Clarified")));
    return lifecycle;
  }

  @Test
  void theCouncilDeprecatesADraftAndLaterDeclaresItObsolete() {
    ProcessInstance lifecycle = acceptedDraft("inbox/peptzo.xml");
    recordDecision("council-decision-draft", lifecycle, Map.of("councilDecision", "deprecate"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deprecated);

    recordDecision("declare-obsolete", lifecycle,
        Map.of("obsoleteReason", "Nobody implements it any more."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Obsolete);
    assertThat(registryEntry(lifecycle).getStatusHistory()).last()
        .satisfies(change -> assertThat(change.getReason()).contains("Nobody implements it any more."));
  }

  @Test
  void aVersionTheEditorReturnsIsRevisedOrDropped() {
    ProcessInstance lifecycle = accept("author2", "inbox/instant-gaming.xml", "Standards Track");
    submitAsAuthor("author2", lifecycle, Map.of("authorAction", "newVersion", "xml", nextVersion(lifecycle, "0.2", "First try")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "return", "editorComments", "Please add a security section."));
    complete("author2", newVersion.getId(), "Task_ReviseVersion",
        Map.of("authorDecision", "revise", "xml", nextVersion(lifecycle, "0.2", "Security section")));
    // each round's forms start with no answer of the last
    assertThat(newVersion).isWaitingAt("Task_EditorReviewVersion").variables().doesNotContainKeys("versionDecision", "editorComments");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "return", "editorComments", "Still missing."));
    assertThat(newVersion).isWaitingAt("Task_ReviseVersion").variables().doesNotContainKey("authorDecision");
    complete("author2", newVersion.getId(), "Task_ReviseVersion", Map.of("authorDecision", "drop"));
    runAllDueJobs(lifecycle);

    assertThat(newVersion).hasPassed("End_VersionDropped").isEnded();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("0.1");
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction");
  }

  @Test
  void aChangeToAnActiveXepThatTheCouncilDoesNotApproveIsNotPublished() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);

    ProcessInstance newVersion = changePutToTheVote(lifecycle, "author1");
    castVotes(newVersion.getId(), Map.of("council1", "-1", "council2", "0", "council3", "0", "council4", "0", "council5", "0"));
    advanceClock(Duration.ofDays(15));
    runAllDueJobs(lifecycle);

    // never published provisionally (not a Draft XEP): nothing to withdraw from tmp/
    assertThat(newVersion).hasPassed("End_ChangeNotApproved").hasNotPassed("Task_WithdrawProvisional").isEnded();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.0");
    assertStatus(lifecycle, XepStatus.Active);
    // before: its author never heard that the vote had ended
    assertThat(mailsTitled("Not approved: version 1.1 of " + label(lifecycle))).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("author1@example.org");
      assertThat(body(mail)).contains("The XMPP Council did not approve the changes in version 1.1",
          "XEP-%04d stays at version 1.0".formatted(number(lifecycle)), "Blocked: a -1 stands",
          "council1: -1 (Concerns of council1)", "council2: 0").doesNotContain("tmp/");
    });
    // the list was never told of it: no word of its end either
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("NOT APPROVED:"));
  }

  @Test
  void aChangeNotApprovedAfterItsNewLastCallIsAnnouncedToTheList() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    ProcessInstance newVersion = changeInANewLastCall(lifecycle);
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runAllDueJobs(lifecycle);

    castVotes(newVersion.getId(), Map.of("council1", "-1", "council2", "0", "council3", "0", "council4", "0", "council5", "0"));
    advanceClock(Duration.ofDays(15));
    runAllDueJobs(lifecycle);

    assertThat(newVersion).hasPassed("End_ChangeNotApproved").isEnded();
    // the list was asked for comments in the new Last Call, so it hears how the vote ended
    assertThat(mailsTitled("NOT APPROVED: proposed change to " + label(lifecycle) + " version 1.1")).singleElement()
        .satisfies(mail -> {
          assertThat(recipient(mail)).isEqualTo("standards@xmpp.org");
          assertThat(body(mail)).contains("the XMPP Council did not approve it",
              "XEP-%04d stays at version 1.0".formatted(number(lifecycle)), "council1: -1 (Concerns of council1)")
              .doesNotContain("tmp/");
        });
    assertThat(mailsTitled("Not approved: version 1.1 of " + label(lifecycle))).hasSize(1);
  }

  @Test
  void aChangeInItsNewLastCallCutShortByADeprecationIsWithdrawnOnTheList() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    ProcessInstance newVersion = changeInANewLastCall(lifecycle);

    recordDecision("council-decision-approved", lifecycle, Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0065"));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deprecated);
    assertThat(newVersion).isEnded();
    // before: only a change published in tmp/ was withdrawn on the list, though this one was put to it too
    assertThat(mailsTitled("WITHDRAWN: proposed change to " + label(lifecycle) + " version 1.1")).singleElement()
        .satisfies(mail -> assertThat(body(mail)).contains("changed to Deprecated before the XMPP Council approved the change")
            .doesNotContain("tmp/").doesNotContain("submit it again"));
    assertThat(stepsAfterTheStatusChangeAnnounced(lifecycle))
        .containsExactly("Task_TellAuthorNotPublished", "Task_AnnounceChangeWithdrawn", "Gateway_JoinRoute");
  }

  @Test
  void aChangeNotApprovedWhoseAuthorHasNoAddressEndsWithoutAnIncident() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    ProcessInstance newVersion = changePutToTheVote(lifecycle, "author2");
    castVotes(newVersion.getId(), Map.of("council1", "-1"));
    withoutMailAddress("author2", () -> {
      advanceClock(Duration.ofDays(15));
      runAllDueJobs(lifecycle);
    });

    // the vote's end (its timer's job) went through: no incident waits on it
    assertThat(newVersion).hasPassed("End_ChangeNotApproved").isEnded();
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("Not approved:"));
  }

  /** The author submits version 1.1 of an Active XEP and the Editor puts it to the vote of its approving body. */
  private ProcessInstance changePutToTheVote(ProcessInstance lifecycle, String author) {
    submitAsAuthor(author, lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "A change nobody wants")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    return newVersion;
  }

  /** A change of author1's put to the vote, and to a new Last Call announced on the list as the Council's term ends. */
  private ProcessInstance changeInANewLastCall(ProcessInstance lifecycle) {
    ProcessInstance newVersion = changePutToTheVote(lifecycle, "author1");
    startForm("editor", "council-term-end", Map.of("termEndedOn", "2026-12-31"));
    runAllDueJobs(lifecycle);
    assertThat(subjects()).contains("LAST CALL: " + label(lifecycle) + " version 1.1");
    return newVersion;
  }

  private String label(ProcessInstance lifecycle) {
    return "XEP-%04d (%s)".formatted(number(lifecycle), registryEntry(lifecycle).getTitle());
  }
}
