package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.publication.ProvisionalCopies;
import org.xsf.xepflow.registry.Implementation;
import org.xsf.xepflow.registry.ImplementationRepository;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepVersionRepository;
import org.xsf.xepflow.vote.VoteRepository;

/** Proposal, votes, Draft, Final, Active, Deprecated, Obsolete (XEP-0001 sections 7 to 11). */
class AdvancementLifecycleTest extends LifecycleTestSupport {
  private static final Map<String, String> UNANIMOUS =
      Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1");
  @Autowired
  private ImplementationRepository implementations;
  @Autowired
  private VoteRepository votes;
  @Autowired
  private TestRestTemplate http;
  @Value("${xepflow.site.dir}/extensions")
  private Path site;
  @Autowired
  private ProvisionalCopies provisionalCopies;
  @Autowired
  private XepVersionRepository versionRows;
  @Autowired
  private StrandedProvisionalVersions strandedProvisionalVersions;

  @Test
  void rejectedAfterAVoteThatDoesNotPass() {
    ProcessInstance lifecycle = accept("author1", "inbox/instant-gaming.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");

    castVotes(lifecycle, Map.of("council1", "+1", "council2", "0", "council3", "0", "council4", "0", "council5", "0"));
    endVotingPeriod(lifecycle);
    assertThat(lifecycle).isWaitingAt("Task_VoteNotPassed");
    // the reasons go into the status change and its announcement: the engine found none to put there (500)
    assertThatThrownBy(() -> complete("editor", lifecycle.getId(), "Task_VoteNotPassed", Map.of("voteDecision", "reject")))
        .rootCause().isInstanceOf(InvalidInputException.class).hasMessageEndingWith("needs an answer.");
    complete("editor", lifecycle.getId(), "Task_VoteNotPassed",
        Map.of("voteDecision", "reject", "voteDecisionReason", "No majority for advancing it."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Rejected);
    assertThat(lifecycle).isEnded();
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental, XepStatus.Proposed, XepStatus.Rejected);
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getReason()).isEqualTo("Rejected by the XMPP Council: No majority for advancing it.");
  }

  @Test
  void remandedToTheAuthorGoesBackToExperimental() {
    ProcessInstance lifecycle = accept("author1", "inbox/account-management.xml", "Standards Track");
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "queue"));
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "-1", "council4", "+1", "council5", "+1"));
    endVotingPeriod(lifecycle);
    // the reason the status change records is the diagram's words and the Editor's: the form leaves room for both
    assertThatThrownBy(() -> complete("editor", lifecycle.getId(), "Task_VoteNotPassed",
        Map.of("voteDecision", "remand", "voteDecisionReason", "r".repeat(3901))))
        .rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessage("\"Reasons, for the author and the announcement\" takes at most 3,900 characters, not 3,901.");
    assertThat(lifecycle).isWaitingAt("Task_VoteNotPassed");
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental, XepStatus.Proposed);

    complete("editor", lifecycle.getId(), "Task_VoteNotPassed",
        Map.of("voteDecision", "remand", "voteDecisionReason", "Address the security concerns first."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction");
    // it left the queue when it was proposed: back in Experimental, twelve months without a new version defer it
    // (it stayed "queued", never deferred nor reminded)
    advanceClock(Duration.ofDays(370));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deferred);
  }

  @Test
  void theLastCallCanBeExtendedAndTheEditorGetsATaskWhenItEnds() {
    ProcessInstance lifecycle = accept("author2", "inbox/jingle-rtp-mti.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    ProcessInstance lastCall = called(lifecycle, "last-call");
    assertThat(subjects()).contains("LAST CALL: XEP-%04d (Mandatory-to-Implement Technologies for Jingle RTP Sessions)".formatted(number(lifecycle)));

    advanceClock(Duration.ofDays(13));
    runAllDueJobs(lifecycle);
    assertThat(lastCall).isWaitingAt("Timer_LastCallEnds");
    advanceClock(Duration.ofDays(1).plusMinutes(1));
    runAllDueJobs(lifecycle);
    assertThat(lastCall).isWaitingAt("Task_LastCallEnded").task().hasCandidateGroup("editor");

    // a decision the form requires, though only the days were sent
    assertThatThrownBy(() -> complete("editor", lastCall.getId(), "Task_LastCallEnded", Map.of("extendDays", 7)))
        .rootCause().isInstanceOf(InvalidInputException.class).hasMessage("\"Decision\" needs an answer: propose, extend, new.");
    // no later than the day it ended, nor by something that is not a number of days
    for (Object days : new Object[] {0, "a week", "7", 1.9, Double.NaN, 100_000_000_000L}) {
      assertThatThrownBy(() -> complete("editor", lastCall.getId(), "Task_LastCallEnded",
          Map.of("lastCallDecision", "extend", "extendDays", days)))
          .rootCause().isInstanceOf(InvalidInputException.class).hasMessageStartingWith("\"Extend by how many days\" is a");
    }
    complete("editor", lastCall.getId(), "Task_LastCallEnded", Map.of("lastCallDecision", "extend", "extendDays", 7));
    runAllDueJobs(lifecycle);
    assertThat(subjects()).anyMatch(s -> s.startsWith("LAST CALL EXTENDED: XEP-%04d".formatted(number(lifecycle))));
    advanceClock(Duration.ofDays(6));
    runAllDueJobs(lifecycle);
    assertThat(lastCall).isWaitingAt("Timer_LastCallEnds");
    advanceClock(Duration.ofDays(1).plusMinutes(1));
    runAllDueJobs(lifecycle);
    // the second end starts with no answer of the first ("extend" by 7 days)
    assertThat(lastCall).isWaitingAt("Task_LastCallEnded").variables().doesNotContainKeys("lastCallDecision", "extendDays");
    // XEP-0001 section 7: one specific revision, which the XEP has
    assertThatThrownBy(() -> complete("editor", lastCall.getId(), "Task_LastCallEnded",
        Map.of("lastCallDecision", "propose", "proposedVersion", "1.0")))
        .rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d has no version 1.0 to put to the vote: its versions are 0.1.".formatted(number(lifecycle)));
    assertThat(lastCall).isWaitingAt("Task_LastCallEnded");
  }

  @Test
  void fromProtoXepToFinalAndOnToObsolete() {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    int number = number(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);

    publishNewVersion(lifecycle, "0.2");
    assertThat(subjects()).contains("UPDATED: XEP-%04d (Pubsub Node Bookmark)".formatted(number));

    proposeForAdvancement(lifecycle, false);
    assertStatus(lifecycle, XepStatus.Proposed);
    lastCallEndsWithProposal(lifecycle, "0.2");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "0", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Draft);
    assertThat(subjects()).contains("DRAFT: XEP-%04d (Pubsub Node Bookmark)".formatted(number));

    // a material change to a Draft: provisional in tmp/, official after the Council approves it
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    assertThat(subjects()).contains("PROPOSED CHANGE: XEP-%04d (Pubsub Node Bookmark) version 1.1".formatted(number));
    // Draft is document version 1.0 (XEP-0001 section 8.1): the Editor's revision, the header's status
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.0");
    assertThat(registryEntry(lifecycle).currentVersion().getDocument()).contains("<status>Draft</status>")
        .containsPattern("<revision>\\s*<version>1.0</version>\\s*<date>[-0-9]+</date>\\s*<initials>XEP Editor</initials>\\s*"
            + "<remark><p>Draft: Advanced by a vote of the XMPP Council on version 0.2.</p></remark>");
    castVotes(change, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");

    advanceClock(Duration.ofDays(150));
    runAllDueJobs(lifecycle);
    assertThat(lifecycle).isNotWaitingAt("Task_IssueCallForExperience");
    advanceClock(Duration.ofDays(40));
    runAllDueJobs(lifecycle);
    assertThat(lifecycle).isWaitingAt("Task_IssueCallForExperience");

    complete("editor", lifecycle.getId(), "Task_IssueCallForExperience", Map.of("callIssued", true));
    runAllDueJobs(lifecycle);
    assertThat(subjects()).contains("CALL FOR EXPERIENCE: XEP-%04d (Pubsub Node Bookmark)".formatted(number));
    ProcessInstance call = called(lifecycle, "call-for-experience");
    advanceClock(Duration.ofDays(15));
    runAllDueJobs(lifecycle);
    recordImplementation(call, "Prosody", "MIT", true, true);
    recordImplementation(call, "ejabberd", "GPL-2.0", true, false);
    // XEP-0001 section 8.1: the vote comes once the feedback is incorporated and the XEP checked, on the revision the Editor proposes
    assertThat(call).isWaitingAt("Task_ProposeForFinal");
    assertThat(openVote(lifecycle.getId())).isNull();
    // the XEP as it is published: Final 2.0 is made of it (an older one's text would have gone Final as 2.0 without 1.1's)
    assertThatThrownBy(() -> proposeForFinal(call, "1.0")).rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessage("Version 1.0 is not the current version of XEP-%04d: put 1.1 to the vote, the XEP as it is published.".formatted(number));
    proposeForFinal(call, "1.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "0"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("2.0");
    assertThat(subjects()).contains("FINAL: XEP-%04d (Pubsub Node Bookmark)".formatted(number));

    assertThatThrownBy(() -> recordDecision("council-decision-approved", lifecycle,
        Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0402 and XEP-0403", "expiresOn", "2027-12-31")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("'XEP-0402 and XEP-0403' is not what");
    assertThatThrownBy(() -> recordDecision("council-decision-approved", lifecycle,
        Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0402", "expiresOn", "2027-02-30")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The expiration date is a day such as 2027-12-31, not '2027-02-30'.");
    assertStatus(lifecycle, XepStatus.Final);
    recordDecision("council-decision-approved", lifecycle,
        Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0402", "expiresOn", "2027-12-31"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deprecated);
    assertThat(registryEntry(lifecycle).getExpires()).hasToString("2027-12-31T00:00:00Z");
    assertThat(registryEntry(lifecycle).getSupersededBy()).isEqualTo("XEP-0402");

    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2028-01-01T00:00:00Z")));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Obsolete);
    assertThat(lifecycle).isEnded();
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental, XepStatus.Proposed,
        XepStatus.Draft, XepStatus.Final, XepStatus.Deprecated, XepStatus.Obsolete);
    assertThat(registryEntry(lifecycle).getStatusHistory()).allSatisfy(change1 -> assertThat(change1.getReason()).isNotBlank());
  }

  @Test
  void fewerThanTwoImplementationsKeepItDraft() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    ProcessInstance call = callForExperienceEnded(lifecycle);
    assertThatThrownBy(() -> recordImplementation(call, "n".repeat(Implementation.NAME + 1), "MIT", true, true))
        .rootCause().isInstanceOf(InvalidInputException.class).hasMessageStartingWith("The implementation's name: 201 characters");
    // whether another was presented: the gateway after it had nothing to go by (500)
    assertThatThrownBy(() -> complete("editor", call.getId(), "Task_RecordImplementation", Map.of("implementationPresented", true,
        "implementationName", "Closed Client", "implementationLicence", "proprietary", "implementationOpenSource", false)))
        .rootCause().isInstanceOf(InvalidInputException.class).hasMessageEndingWith("needs an answer: true or false.");
    assertThat(implementations.findByXepNumberOrderById(number(lifecycle))).isEmpty();
    recordImplementation(call, "Closed Client", "proprietary", false, true);
    // the same implementation again counts once
    assertThatThrownBy(() -> recordImplementation(call, "closed client ", "proprietary", false, false))
        .rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessage("\"closed client\" is already recorded as an implementation of XEP-%04d: each counts once."
            .formatted(number(lifecycle)));
    // the next one's form starts empty: Tasklist showed the last one's answers, "open source" ticked among them
    String again = processEngine.getTaskService().createTaskQuery().processInstanceId(call.getId()).singleResult().getId();
    assertThat(processEngine.getTaskService().getVariables(again)).doesNotContainKeys("implementationPresented",
        "implementationName", "implementationLicence", "implementationOpenSource", "anotherImplementation");
    assertThatThrownBy(() -> as("editor", () -> processEngine.getFormService().submitTaskForm(again, Map.of())))
        .rootCause().hasMessageContaining("\"An implementation was presented\" needs an answer");
    recordImplementation(call, "Other Closed Client", "proprietary", false, false);

    assertStatus(lifecycle, XepStatus.Draft);
    assertThat(lifecycle).isWaitingAt("Task_IssueCallForExperience");
  }

  @Test
  void theCouncilConvertsAHistoricalXepToTheStandardsTrack() {
    ProcessInstance lifecycle = accept("author2", "xep-0090.xml", "Historical");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    assertThat(lifecycle).isWaitingAt("Message_ConvertToStandardsTrack");

    recordDecision("convert-historical-xep", lifecycle, Map.of());
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Proposed);
    lastCallEndsWithProposal(lifecycle, "1.0");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Draft);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.0");
    assertThat(registryEntry(lifecycle).getType()).isEqualTo(org.xsf.xepflow.registry.XepType.STANDARDS_TRACK);
  }

  @Test
  void anInterimXepExpiresUnlessTheCouncilReaffirmsIt() {
    ProcessInstance lifecycle = accept("author1", "inbox/notification-inbox.xml", "Standards Track");
    proposeForAdvancement(lifecycle, true);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Draft);
    assertThat(registryEntry(lifecycle).isInterim()).isTrue();

    advanceClock(Duration.ofDays(185));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_DraftReaffirmInterim", Map.of("reaffirmed", true));
    assertStatus(lifecycle, XepStatus.Draft);
    advanceClock(Duration.ofDays(185));
    runAllDueJobs(lifecycle);
    // not ticked for the Editor again: the Council re-affirms it each time anew
    assertThat(lifecycle).isWaitingAt("Task_DraftReaffirmInterim").variables().doesNotContainKey("reaffirmed");
    complete("editor", lifecycle.getId(), "Task_DraftReaffirmInterim", Map.of("reaffirmed", false));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deprecated);
  }

  @Test
  void aSoftExpiryEndsWhenTheSuccessorIsApproved() {
    ProcessInstance interim = accept("author1", "inbox/gre-encrypter-openpgp.xml", "Standards Track");
    ProcessInstance successor = accept("author2", "inbox/xep-ai.xml", "Standards Track");
    String successorLabel = "XEP-%04d".formatted(number(successor));
    recordDecision("council-decision-experimental", interim,
        Map.of("councilDecision", "ready", "interim", true, "interimSuccessor", successorLabel));
    runAllDueJobs(interim);
    lastCallEndsWithProposal(interim, "0.1");
    castVotes(interim, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(interim);
    assertStatus(interim, XepStatus.Draft);
    assertThat(registryEntry(interim).getExpires()).isNull();

    advanceClock(Duration.ofDays(400));
    runAllDueJobs(interim);
    assertStatus(interim, XepStatus.Draft);

    acceptedDraft(successor);

    runAllDueJobs(interim);
    assertStatus(interim, XepStatus.Deprecated);
    assertThat(registryEntry(interim).getStatusHistory().get(3).getReason())
        .isEqualTo("The interim XEP expired without re-affirmation (XEP-0001 section 11).");
  }

  @Test
  void aVoteTheCouncilDoesNotCompleteInItsTermGetsANewLastCall() {
    ProcessInstance lifecycle = accept("author1", "inbox/buddycloud-channels.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "-1"));

    startForm("editor", "council-term-end", Map.of("termEndedOn", "2026-12-31"));
    runAllDueJobs(lifecycle);

    ProcessInstance newLastCall = called(lifecycle, "last-call");
    assertThat(newLastCall).isWaitingAt("Timer_LastCallEnds");
    assertThat(subjects().stream().filter(s -> s.startsWith("LAST CALL: XEP-%04d".formatted(number(lifecycle))))).hasSize(2);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "0", "council5", "0"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Draft);
  }

  @Test
  void aFinalVoteTheCouncilDoesNotCompleteInItsTermGetsANewLastCallAndANewVote() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    ProcessInstance call = twoImplementationsPresented(lifecycle);
    proposeForFinal(call, "1.0");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "-1"));

    // XEP-0001 section 7: a new Last Call, then the newly-elected Council votes anew (not a new Call for Experience)
    startForm("editor", "council-term-end", Map.of("termEndedOn", "2026-12-31"));
    runAllDueJobs(lifecycle);
    assertThat(lifecycle).isWaitingAt("CallActivity_FinalLastCall");
    assertThat(subjects()).anyMatch(s -> s.startsWith("LAST CALL: XEP-%04d".formatted(number(lifecycle))));
    lastCallEndsWithProposal(lifecycle, "1.0");
    assertThat(lifecycle).isWaitingAt("CallActivity_FinalVote");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "0", "council5", "0"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);
  }

  @Test
  void noRevisionIsProposedForFinalWhileAChangeIsUnderWay() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    ProcessInstance call = twoImplementationsPresented(lifecycle);
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");

    // a vote on Final that passed would end the change under way
    assertThatThrownBy(() -> proposeForFinal(call, "1.0")).rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessage("A new version of XEP-%04d is under review or vote: propose a revision once it is published or dropped."
            .formatted(number(lifecycle)));
    castVotes(change, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    proposeForFinal(call, "1.1");
    assertThat(lifecycle).isWaitingAt("CallActivity_FinalVote");
  }

  @Test
  void aChangeApprovedWhileTheVoteOnFinalIsOpenIsPutToANewVote() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    ProcessInstance call = twoImplementationsPresented(lifecycle);
    proposeForFinal(call, "1.0");

    // a vote applies to the revision it was opened on: the change ends it
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    castVotes(change, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");
    // the Editor proposes it for a new vote on Final (before: a whole new Call for Experience)
    assertThat(lifecycle).isWaitingAt("Task_ProposeFinalRevisionAgain");
    complete("editor", lifecycle.getId(), "Task_ProposeFinalRevisionAgain", Map.of("proposedVersion", "1.1"));
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);
    assertThat(registryEntry(lifecycle).currentVersion().getDocument()).contains("<status>Final</status>")
        .contains("<version>1.1</version>");
    // a change that ended on its own is no change cut short
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("Not published:"));
  }

  @Test
  void aChangeStillUnderVoteWhenTheXepGoesFinalEndsWithWordToItsAuthorAndTheList() {
    ProcessInstance lifecycle = acceptedDraft("inbox/data_policy.xml");
    ProcessInstance call = twoImplementationsPresented(lifecycle);
    proposeForFinal(call, "1.0");
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    castVotes(change, Map.of("council1", "+1"));
    String changeVote = openVote(change.getId());

    castVotes(called(lifecycle, "council-vote").getId(), UNANIMOUS);
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Final);
    // before: the change ended with the Draft state without a word to anyone, and its vote stayed open
    assertThat(change).isEnded();
    String label = "XEP-%04d (%s)".formatted(number(lifecycle), registryEntry(lifecycle).getTitle());
    // why: the XEP's status changed, to what the lifecycle decided after the change had ended (before: not said)
    assertThat(mailsTitled("Not published: version 1.1 of " + label)).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("author1@example.org");
      assertThat(body(mail)).contains("when the status of XEP-%04d changed to Final".formatted(number(lifecycle)),
          "Reason: Advanced to Final by a vote of the XMPP Council after a Call for Experience.",
          "its version number stays taken", "which is Final at version 2.0");
    });
    assertThat(mailsTitled("WITHDRAWN: proposed change to " + label + " version 1.1")).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("standards@xmpp.org");
      assertThat(body(mail)).contains("changed to Final before the XMPP Council approved the change",
          "Its author may submit it again.", "and is no longer published there");
    });
    assertThat(votes.findByXepNumberOrderById(number(lifecycle))).filteredOn(v -> v.getVersion().equals("1.1"))
        .singleElement().satisfies(vote -> {
          assertThat(vote.getOutcome()).isEqualTo("cancelled");
          assertThat(vote.getClosedAt()).isNotNull();
        });
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(changeVote).singleResult().getEndTime())
        .isNotNull();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("2.0");
    // the change is no longer offered in tmp/ as pending; its version row stays, marked withdrawn
    assertWithdrawn(lifecycle, "1.1");
  }

  @Test
  void aChangeTheCouncilDoesNotVoteOnInItsTermGetsANewLastCallAndANewVote() {
    ProcessInstance lifecycle = acceptedDraft("inbox/muc-presence-versioning.xml");
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    castVotes(change, Map.of("council1", "+1", "council2", "-1"));

    // the change was lost before, and its number with it
    startForm("editor", "council-term-end", Map.of("termEndedOn", "2026-12-31"));
    runAllDueJobs(lifecycle);
    assertThat(change).isWaitingAt("Timer_ChangeLastCallEnds");
    assertThat(subjects()).contains("LAST CALL: XEP-%04d (%s) version 1.1".formatted(number(lifecycle), registryEntry(lifecycle).getTitle()));
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runAllDueJobs(lifecycle);
    castVotes(change, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "0", "council5", "0"));
    runAllDueJobs(lifecycle);
    assertThat(change).hasPassed("Task_PublishNewVersion").isEnded();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");
  }

  @Test
  void aNewRevisionDuringTheVoteNeedsANewVote() {
    ProcessInstance lifecycle = accept("author2", "inbox/rsf.xml", "Informational");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1"));

    publishNewVersion(lifecycle, "0.2");
    runAllDueJobs(lifecycle);
    assertThat(lifecycle).isWaitingAt("Task_ProposeRevisionAgain");
    castVotesAreGone(lifecycle);

    // a revision the XEP does not have is not put to the vote
    assertThatThrownBy(() -> complete("editor", lifecycle.getId(), "Task_ProposeRevisionAgain", Map.of("proposedVersion", "0.3")))
        .rootCause().isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d has no version 0.3 to put to the vote: its versions are 0.1, 0.2.".formatted(number(lifecycle)));
    complete("editor", lifecycle.getId(), "Task_ProposeRevisionAgain", Map.of("proposedVersion", "0.2"));
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    // the version voted on is named in the reason; Active is document version 1.0
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getVersion()).isEqualTo("1.0");
  }

  @Test
  void boardApprovedProceduralXepsAreVotedOnByTheBoard() {
    ProcessInstance lifecycle = accept("author1", "inbox/eax-car.xml", "Procedural");
    assertThat(runtimeService.getVariable(lifecycle.getId(), "approvingBody")).isEqualTo("Board");
    proposeForAdvancement(lifecycle, false);
    assertThat(registryEntry(lifecycle).getStatusHistory().get(1).getReason())
        .isEqualTo("The Board instructed the Editor to issue a Last Call.");
    lastCallEndsWithProposal(lifecycle, "0.1");

    castVotes(lifecycle, Map.of("board1", "+1", "board2", "+1", "board3", "0"));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Active);
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getReason())
        .isEqualTo("Advanced by a vote of the XSF Board of Directors on version 0.1.");

    // every change to an Active XEP goes to its approving body (XEP-0001 section 10)
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "A change the Board does not want")));
    ProcessInstance change = called(lifecycle, "new-version");
    complete("editor", change.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    castVotes(change, Map.of("board1", "-1", "board2", "+1", "board3", "+1"));
    endVotingPeriod(lifecycle);
    assertThat(mailsTitled("Not approved: version 1.1 of XEP-%04d (%s)".formatted(number(lifecycle), registryEntry(lifecycle).getTitle())))
        .singleElement().satisfies(mail -> assertThat(body(mail))
            .contains("The XSF Board of Directors did not approve the changes in version 1.1", "board1: -1 (Concerns of board1)"));
  }

  @Test
  void aXepTheBoardRejectsIsRejectedByTheBoard() {
    ProcessInstance lifecycle = accept("author1", "inbox/eax-car.xml", "Procedural");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("board1", "+1", "board2", "0", "board3", "0"));
    endVotingPeriod(lifecycle);
    complete("editor", lifecycle.getId(), "Task_VoteNotPassed", Map.of("voteDecision", "reject", "voteDecisionReason", "Out of scope."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Rejected);
    // it said "by the XMPP Council"
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getReason()).isEqualTo("Rejected by the XSF Board of Directors: Out of scope.");
  }

  @Test
  void aFinalXepIsRevisedOnlyAfterTheCouncilAgrees() {
    ProcessInstance lifecycle = accept("author2", "xep-0003.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);

    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Clarified")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.0");
    castVotes(newVersion.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "0", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);

    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");
    assertThat(subjects()).contains("UPDATED: XEP-%04d (Proxy Accept Socket Service (PASS))".formatted(number(lifecycle)));
    assertThat(lifecycle).isWaitingAt("Gateway_ApprovedChangeOrReversal");
  }

  private void castVotesAreGone(ProcessInstance lifecycle) {
    assertThat(openVote(lifecycle.getId())).isNull();
  }

  @Test
  void aChangeTheCouncilDidNotApproveKeepsItsNumberButDoesNotHoldTheNextOneBack() {
    ProcessInstance lifecycle = acceptedDraft("inbox/muc-presence-versioning.xml");
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    castVotes(change, Map.of("council1", "-1", "council2", "0", "council3", "0", "council4", "0", "council5", "0"));
    endVotingPeriod(lifecycle);
    assertThat(change).hasPassed("Task_WithdrawProvisional", "End_ChangeWithdrawn").isEnded();
    assertWithdrawn(lifecycle, "1.1");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("xml", nextVersion(lifecycle, "1.1", "The same number again"))))
        .hasMessage("Version 1.1 of XEP-%04d was proposed as a change that was not approved: give the new version a number of its own."
            .formatted(number(lifecycle)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("xml", nextVersion(lifecycle, "1.1.0", "The same number written another way"))))
        .hasMessageContaining("Version 1.1.0 of XEP-%04d (as 1.1) was proposed as a change".formatted(number(lifecycle)));
    // numbered after the official 0.1, below the change that was not approved
    submitDraftChange(lifecycle, "1.0.1");
    assertThat(registryEntry(lifecycle).version("1.0.1")).get().extracting(v -> v.isProvisional()).isEqualTo(true);
    assertThat(versionsShown(lifecycle)).filteredOn(v -> v.get("version").equals("1.0.1")).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("provisional", true).containsEntry("withdrawn", false));
    assertThat(tmp(lifecycle, "1.0.1", "html")).exists();
  }

  @Test
  void aChangeTheCouncilDoesNotApproveIsAnnouncedToItsAuthorAndToTheListThatDiscussedIt() {
    ProcessInstance lifecycle = acceptedDraft("inbox/muc-presence-versioning.xml");
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    String provisionalUrl = (String) runtimeService.getVariable(change.getId(), "provisionalUrl");
    castVotes(change, Map.of("council1", "-1", "council2", "+1", "council3", "0", "council4", "0", "council5", "0"));
    endVotingPeriod(lifecycle);

    assertThat(change).hasPassed("End_ChangeWithdrawn").isEnded();
    // before: the vote's end was told to nobody, not even the author who submitted the change
    String label = "XEP-%04d (%s)".formatted(number(lifecycle), registryEntry(lifecycle).getTitle());
    assertThat(mailsTitled("Not approved: version 1.1 of " + label)).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("author1@example.org");
      assertThat(body(mail)).contains("The XMPP Council did not approve the changes in version 1.1",
          "XEP-%04d stays at version 1.0".formatted(number(lifecycle)), "withdrawn from tmp/",
          "Blocked: a -1 stands", "council1: -1 (Concerns of council1)", "council2: +1");
    });
    // the list was asked to discuss it in tmp/ (XEP-0001 section 8.1), so it hears how it ended
    assertThat(mailsTitled("NOT APPROVED: proposed change to " + label + " version 1.1")).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("standards@xmpp.org");
      assertThat(body(mail)).contains("the XMPP Council did not approve it",
          "XEP-%04d stays at version 1.0".formatted(number(lifecycle)), provisionalUrl, "no longer published there",
          "council1: -1 (Concerns of council1)");
    });
  }

  @Test
  void aProvisionalChangeWhoseProcessNoLongerRunsIsWithdrawnAtStartButOneStillUnderVoteStays() {
    ProcessInstance lifecycle = acceptedDraft("inbox/muc-presence-versioning.xml");
    // 1.0.1 ended unapproved on a new-version older than the withdrawal from tmp/: still shown pending, still in tmp/
    String ended = nextVersion(lifecycle, "1.0.1", "Ended before withdrawals");
    transaction.executeWithoutResult(tx -> {
      Xep xep = xeps.findById(number(lifecycle)).orElseThrow();
      xep.publishProvisionally("1.0.1", "aa", "Ended before withdrawals", ended, Instant.now());
      provisionalCopies.provisionallyPublished(xep, "1.0.1", ended);
    });
    ProcessInstance change = submitDraftChange(lifecycle, "1.1");
    assertThat(tmp(lifecycle, "1.0.1", "html")).exists();

    // a start, while the vote on 1.1 is open (on this node or another)
    strandedProvisionalVersions.run(null);

    assertWithdrawn(lifecycle, "1.0.1");
    assertThat(tmp(lifecycle, "1.1", "html")).exists();
    assertThat(tmp(lifecycle, "1.1", "xml")).exists();
    assertThat(versionsShown(lifecycle)).filteredOn(v -> v.get("version").equals("1.1")).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("provisional", true).containsEntry("withdrawn", false));
    // a start on another node reads 1.1 as pending, then the approval ends its process before the start withdraws it
    XepVersionRepository.Pending readBefore = transaction.execute(tx -> versionRows.findByProvisionalTrueAndWithdrawnFalse())
        .stream().filter(v -> v.xepNumber() == number(lifecycle) && v.version().equals("1.1")).findFirst().orElseThrow();
    castVotes(change, UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertThat(transaction.<Boolean>execute(tx -> versionRows.withdrawIfPending(readBefore.id()))).isFalse();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("1.1");
    assertThat(versionsShown(lifecycle)).filteredOn(v -> v.get("version").equals("1.1")).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("provisional", false).containsEntry("withdrawn", false));
  }

  @Test
  void aStrandedChangeWithdrawnAtStartLeavesInTmpTheCopyOfAChangeUnderVoteWrittenAlikeInAFileName() {
    ProcessInstance lifecycle = acceptedDraft("inbox/muc-presence-versioning.xml");
    // 1.1_1 under vote, in tmp/xep-NNNN-1.1_1.html
    submitDraftChange(lifecycle, "1.1_1");
    assertThat(tmp(lifecycle, "1.1_1", "html")).exists();
    // 1.1-1, another number written alike in a file name, ended unapproved on a new-version older than the
    // withdrawal from tmp/ and is still pending (its copy, of the same name, was overwritten by 1.1_1's)
    String ended = nextVersion(lifecycle, "1.1-1", "Ended before withdrawals");
    transaction.executeWithoutResult(tx -> xeps.findById(number(lifecycle)).orElseThrow()
        .publishProvisionally("1.1-1", "aa", "Ended before withdrawals", ended, Instant.now()));

    strandedProvisionalVersions.run(null);

    assertThat(versionsShown(lifecycle)).filteredOn(v -> v.get("version").equals("1.1-1")).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("withdrawn", true));
    // before: removed with the stranded change's, while the Council votes on it
    assertThat(tmp(lifecycle, "1.1_1", "html")).exists();
    assertThat(tmp(lifecycle, "1.1_1", "xml")).exists();
  }

  /** A provisional change that ended without the Council's approval: out of tmp/, its row kept and shown as withdrawn. */
  private void assertWithdrawn(ProcessInstance lifecycle, String version) {
    assertThat(tmp(lifecycle, version, "html")).doesNotExist();
    assertThat(tmp(lifecycle, version, "xml")).doesNotExist();
    assertThat(versionsShown(lifecycle)).filteredOn(v -> v.get("version").equals(version)).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("provisional", false).containsEntry("withdrawn", true));
  }

  private Path tmp(ProcessInstance lifecycle, String version, String extension) {
    return site.resolve("tmp/xep-%04d-%s.%s".formatted(number(lifecycle), version, extension));
  }

  /** The versions GET /api/xeps/{n} shows. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> versionsShown(ProcessInstance lifecycle) {
    return (List<Map<String, Object>>) http.withBasicAuth("author2", "xsf").exchange("/api/xeps/" + number(lifecycle),
        HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() { }).getBody().get("versions");
  }

  private ProcessInstance submitDraftChange(ProcessInstance lifecycle, String version) {
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, version, "Material change")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish", "changeKind", "material"));
    runAllDueJobs(lifecycle);
    return newVersion;
  }

  /** The voting period of the open vote ends. */
  private void endVotingPeriod(ProcessInstance lifecycle) {
    advanceClock(Duration.ofDays(30));
    runAllDueJobs(lifecycle);
  }

}
