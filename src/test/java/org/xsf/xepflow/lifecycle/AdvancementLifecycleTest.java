package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.registry.XepStatus;

/** Proposal, votes, Draft, Final, Active, Deprecated, Obsolete (XEP-0001 sections 7 to 11). */
class AdvancementLifecycleTest extends LifecycleTestSupport {

  @Test
  void rejectedAfterAVoteThatDoesNotPass() {
    ProcessInstance lifecycle = accept("author1", "inbox/instant-gaming.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");

    castVotes(lifecycle, Map.of("council1", "+1", "council2", "0", "council3", "0", "council4", "0", "council5", "0"));
    endVotingPeriod(lifecycle);
    assertThat(lifecycle).isWaitingAt("Task_VoteNotPassed");
    complete("editor", lifecycle.getId(), "Task_VoteNotPassed",
        Map.of("voteDecision", "reject", "voteDecisionReason", "No majority for advancing it."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Rejected);
    assertThat(lifecycle).isEnded();
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental, XepStatus.Proposed, XepStatus.Rejected);
  }

  @Test
  void remandedToTheAuthorGoesBackToExperimental() {
    ProcessInstance lifecycle = accept("author1", "inbox/account-management.xml", "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "-1", "council4", "+1", "council5", "+1"));
    endVotingPeriod(lifecycle);

    complete("editor", lifecycle.getId(), "Task_VoteNotPassed",
        Map.of("voteDecision", "remand", "voteDecisionReason", "Address the security concerns first."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(lifecycle).isWaitingAt("Task_UpdateExperimental");
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

    complete("editor", lastCall.getId(), "Task_LastCallEnded", Map.of("lastCallDecision", "extend", "extendDays", 7));
    runAllDueJobs(lifecycle);
    assertThat(subjects()).anyMatch(s -> s.startsWith("LAST CALL EXTENDED: XEP-%04d".formatted(number(lifecycle))));
    advanceClock(Duration.ofDays(6));
    runAllDueJobs(lifecycle);
    assertThat(lastCall).isWaitingAt("Timer_LastCallEnds");
    advanceClock(Duration.ofDays(1).plusMinutes(1));
    runAllDueJobs(lifecycle);
    assertThat(lastCall).isWaitingAt("Task_LastCallEnded");
  }

  @Test
  void fromProtoXepToFinalAndOnToObsolete() {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    int number = number(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);

    publishNewVersion(lifecycle, "Task_UpdateExperimental", "0.2");
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
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("0.2");
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
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "0"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);
    assertThat(subjects()).contains("FINAL: XEP-%04d (Pubsub Node Bookmark)".formatted(number));

    complete("editor", lifecycle.getId(), "Task_CouncilDecisionApproved",
        Map.of("councilDecision", "deprecate", "supersededBy", "XEP-0402", "expiresOn", "2027-12-31"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deprecated);
    assertThat(registryEntry(lifecycle).getExpires()).hasToString("2027-12-31T00:00:00Z");

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
    advanceClock(Duration.ofDays(190));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_IssueCallForExperience", Map.of("callIssued", true));
    runAllDueJobs(lifecycle);
    ProcessInstance call = called(lifecycle, "call-for-experience");
    advanceClock(Duration.ofDays(15));
    runAllDueJobs(lifecycle);
    recordImplementation(call, "Closed Client", "proprietary", false, true);
    recordImplementation(call, "Other Closed Client", "proprietary", false, false);

    assertStatus(lifecycle, XepStatus.Draft);
    assertThat(lifecycle).isWaitingAt("Task_IssueCallForExperience");
  }

  @Test
  void theCouncilConvertsAHistoricalXepToTheStandardsTrack() {
    ProcessInstance lifecycle = accept("author2", "xep-0090.xml", "Historical");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);

    complete("editor", lifecycle.getId(), "Task_CouncilDecisionApproved", Map.of("councilDecision", "convert"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Proposed);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Draft);
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
    complete("editor", lifecycle.getId(), "Task_DraftReaffirmInterim", Map.of("reaffirmed", false));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deprecated);
  }

  private ProcessInstance acceptedDraft(String fixture) {
    ProcessInstance lifecycle = accept("author1", fixture, "Standards Track");
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Draft);
    return lifecycle;
  }

  private void proposeForAdvancement(ProcessInstance lifecycle, boolean interim) {
    complete("editor", lifecycle.getId(), "Task_CouncilDecisionExperimental",
        Map.of("councilDecision", "ready", "interim", interim));
    runAllDueJobs(lifecycle);
  }

  private void lastCallEndsWithProposal(ProcessInstance lifecycle, String version) {
    ProcessInstance lastCall = called(lifecycle, "last-call");
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runAllDueJobs(lifecycle);
    complete("editor", lastCall.getId(), "Task_LastCallEnded", Map.of("lastCallDecision", "propose", "proposedVersion", version));
  }

  private ProcessInstance submitDraftChange(ProcessInstance lifecycle, String version) {
    complete("author1", lifecycle.getId(), "Task_ProposeDraftChange", Map.of("xml", nextVersion(lifecycle, version, "Material change")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    runAllDueJobs(lifecycle);
    return newVersion;
  }

  private void recordImplementation(ProcessInstance call, String name, String licence, boolean openSource, boolean another) {
    complete("editor", call.getId(), "Task_RecordImplementation", Map.of("implementationPresented", true,
        "implementationName", name, "implementationLicence", licence, "implementationOpenSource", openSource,
        "anotherImplementation", another));
  }

  /** The voting period of the open vote ends. */
  private void endVotingPeriod(ProcessInstance lifecycle) {
    advanceClock(Duration.ofDays(30));
    runAllDueJobs(lifecycle);
  }

  private void castVotes(ProcessInstance parent, Map<String, String> ballots) {
    castVotes(parent.getId(), ballots);
  }
}
