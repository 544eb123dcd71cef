package org.xsf.xepflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.vote.BallotRepository;
import org.xsf.xepflow.vote.VoteRepository;

/** The people of XEP-0001 doing their part in Tasklist, in headless Chromium. */
class TasklistBrowserTest extends BrowserTestSupport {
  private static final String TITLE = "OAuth Client Login";

  @Autowired
  BallotRepository ballots;
  @Autowired
  VoteRepository votes;

  @Test
  void anAuthorSubmitsTheEditorApprovesTheFormatAndTheCouncilObjects() {
    Browser browser = browser();
    browser.logIn("tasklist", "author1");
    browser.startProcess("ProtoXEP submission");
    browser.fill("ProtoXEP document", "<xep><header>not closed");
    browser.press("Start");
    browser.waitForNotification("not well-formed");
    browser.screenshot("author-pastes-a-broken-document");
    Set<String> before = submissionIds();

    browser.fill("ProtoXEP document", fixture("inbox/xep-oauth-client-login.xml"));
    browser.screenshot("author-pastes-the-protoxep");
    browser.press("Start");
    browser.waitForNotification("The process has been started.");
    Set<String> started = submissionIds();
    started.removeAll(before);
    assertThat(started).hasSize(1);
    String submission = started.iterator().next();
    runDueJobs(submission);

    browser.logIn("tasklist", "editor");
    browser.openTask("My group tasks", "Ensure the format of ProtoXEP \"" + TITLE + "\" is correct");
    assertThat(browser.formText()).contains("ProtoXEP: " + TITLE, "Submitted by: author1",
        "Findings of the format check", "Is the format correct?");
    browser.press("Complete");
    assertThat(browser.validationErrors()).contains("Field is required.");
    browser.screenshot("editor-must-decide");
    browser.choose("Yes: publish it to the inbox and announce it");
    browser.screenshot("editor-approves-the-format");
    browser.press("Complete");
    browser.waitForTaskClosed();
    assertThat(processEngine.getRuntimeService().getVariable(submission, "formatDecision")).isEqualTo("accept");
    runDueJobs(submission);
    assertThat(subjects()).containsExactly("ProtoXEP: " + TITLE);

    for (String member : List.of("council1", "council2", "council3", "council4")) {
      browser.logIn("tasklist", member);
      browser.openTask("My tasks", "Object to publishing \"" + TITLE + "\" as a XEP?");
      assertThat(browser.formLink("Read the ProtoXEP in the inbox"))
          .isEqualTo(processEngine.getRuntimeService().getVariable(submission, "inboxUrl"));
      browser.screenshot(member + "-does-not-object");
      browser.press("Complete");
      browser.waitForTaskClosed();
    }
    browser.logIn("tasklist", "council5");
    browser.openTask("My tasks", "Object to publishing \"" + TITLE + "\" as a XEP?");
    browser.choose("I object to publishing this proposal as a XEP");
    browser.press("Complete");
    assertThat(browser.validationErrors()).contains("Field is required.");
    browser.fill("Reasons for the objection", "Duplicates XEP-0493 (OAuth Client Login).");
    browser.screenshot("council5-objects-with-reasons");
    browser.press("Complete");
    browser.waitForTaskClosed();
    runDueJobs(submission);

    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(submission).singleResult())
        .isWaitingAt("Task_ReviseProtoXep");
    browser.logIn("tasklist", "author1");
    browser.openTask("My tasks", "Revise or withdraw your ProtoXEP \"" + TITLE + "\"");
    assertThat(browser.waitFor(By.cssSelector(".fjs-form textarea")).getAttribute("value"))
        .isEqualTo("Objection (council5): Duplicates XEP-0493 (OAuth Client Login).");
    browser.screenshot("author-reads-the-objection");
  }

  @Test
  void councilMembersVoteThroughTheForm() {
    ProcessInstance lifecycle = accept("author2", "inbox/buddycloud-channels.xml", "Standards Track");
    String label = String.format("XEP-%04d", number(lifecycle));

    // the Editor records the Council's decision from its start form, naming the XEP
    Browser browser = browser();
    browser.logIn("tasklist", "editor");
    browser.startProcess("The Council's decision on an Experimental XEP");
    browser.fill("XEP (e.g. XEP-0060)", "XEP-9998");
    browser.choose("Ready to be considered for advancement: status Proposed and a Last Call (for the Board: the Board instructed a Last Call)");
    browser.press("Start");
    browser.waitForNotification("There is no XEP-9998");
    browser.screenshot("editor-names-a-xep-that-does-not-exist");
    browser.fill("XEP (e.g. XEP-0060)", label);
    browser.press("Start");
    browser.waitForNotification("The process has been started.");
    browser.screenshot("editor-records-the-councils-decision");
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Proposed);
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runAllDueJobs(lifecycle);

    browser.logIn("tasklist", "editor");
    browser.openTask("My group tasks", "The Last Call on " + label + " has ended: propose a revision for the vote");
    browser.choose("Propose a revision for the vote");
    browser.fill("Revision to put to the vote", "the current one");
    assertThat(browser.validationErrors()).singleElement().asString().startsWith("Field must match pattern");
    assertThat(browser.formText()).contains("A version number such as 0.1 or 1.2.3");
    browser.screenshot("editor-types-a-version-that-is-not-one");
    browser.fill("Revision to put to the vote", "0.1");
    browser.press("Complete");
    browser.waitForTaskClosed();
    runAllDueJobs(lifecycle);
    String task = "Vote on " + label + " version 0.1: advance to Draft";
    String vote = openVote(lifecycle.getId());

    Map<String, String> choices = Map.of("council1", "+1 (approve)", "council2", "0 (neutral)",
        "council3", "-1 (disapprove, with reasons)");
    for (String member : List.of("council1", "council2", "council3")) {
      browser.logIn("tasklist", member);
      browser.openTask("My tasks", task);
      // a vote on an advancement has no change to show: the form leaves its field out
      assertThat(browser.formText()).contains(task, "Buddycloud Channels").doesNotContain("Changes in version");
      assertThat(browser.formLink("Read it")).endsWith(String.format("/extensions/xep-%04d.html", number(lifecycle)));
      browser.choose(choices.get(member));
      if (member.equals("council3")) {
        browser.press("Complete");
        assertThat(browser.validationErrors()).contains("Field is required.");
        browser.fill("Your concerns", "The channel discovery needs a security considerations section.");
      }
      browser.screenshot(member + "-votes");
      browser.press("Complete");
      browser.waitForTaskClosed();
    }
    runDueJobs(vote);

    Long voteId = votes.findByXepNumberOrderById(number(lifecycle)).get(0).getId();
    assertThat(ballots.findByVoteIdOrderByIdAsc(voteId))
        .extracting(ballot -> ballot.getMember() + " " + ballot.getValue() + " " + ballot.getReasons())
        .containsExactlyInAnyOrder("council1 1 null", "council2 0 null",
            "council3 -1 The channel discovery needs a security considerations section.");
    castVotes(lifecycle, Map.of("council4", "+1", "council5", "+1"));
    // A -1 keeps the vote open (it may be changed) until the voting period ends.
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Proposed);
    assertThat(lifecycle).isWaitingAt("Task_VoteNotPassed");

    browser.logIn("tasklist", "editor");
    browser.openTask("My group tasks", "Record the Council's decision on " + label + ": reject or remand");
    assertThat(browser.formText()).contains("The vote on version 0.1 did not pass.");
    assertThat(browser.waitFor(By.cssSelector(".fjs-form textarea")).getAttribute("value")).isEqualTo("""
        Blocked: a -1 stands; the author must address the concerns.
        council1: +1
        council2: 0
        council3: -1 (The channel discovery needs a security considerations section.)
        council4: +1
        council5: +1""");
    browser.screenshot("editor-sees-the-blocked-vote");
  }

  @Test
  void anAuthorSubmitsANewVersionFromTheStartFormNamingTheirXep() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Standards Track");
    String label = Xep.label(number(lifecycle));
    String document = nextVersion(lifecycle, "0.2", "Clarified");
    String newVersion = "New version (XEP XML, with a <revision> entry for it at the top)";

    Browser browser = browser();
    browser.logIn("tasklist", "author2");
    browser.startProcess("A new version of a XEP");
    browser.fill("XEP (e.g. XEP-0060)", label);
    browser.fill(newVersion, document);
    browser.press("Start");
    browser.waitForNotification("Only the author of " + label + " may do this, not author2");
    browser.screenshot("another-author-is-refused");
    assertThat(called(lifecycle, "new-version")).isNull();

    browser.logIn("tasklist", "author1");
    browser.startProcess("A new version of a XEP");
    // "Submit a new version" is chosen from the start
    browser.fill("XEP (e.g. XEP-0060)", label);
    browser.fill(newVersion, document);
    browser.screenshot("author-submits-a-new-version");
    browser.press("Start");
    browser.waitForNotification("The process has been started.");
    ProcessInstance review = called(lifecycle, "new-version");
    assertThat(review).isWaitingAt("Task_EditorReviewVersion");

    // the Editor reads what it changes, then publishes it (the form sends back what it only shows)
    browser.logIn("tasklist", "editor");
    browser.openTask("My group tasks", "Publish version 0.2 of " + label + "?");
    assertThat(browser.fieldValue("Changes since version 0.1"))
        .startsWith("--- " + label + " version 0.1 (current)\n+++ " + label + " version 0.2 (submitted)\n@@ -")
        .containsPattern("\n\\+\\s*<version>0\\.2</version>\n");
    assertDiffInFixedWidth(browser, "Changes since version 0.1", "Submitted document");
    browser.screenshot("editor-reads-the-changes");
    browser.choose("Yes: publish and announce it");
    browser.press("Complete");
    browser.waitForTaskClosed();
    assertThat(review).isEnded();
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("0.2");
  }

  @Test
  void aCouncilMemberReadsWhatAChangeChangesBeforeVotingOnIt() {
    ProcessInstance lifecycle = accept("author2", "xep-0076.xml", "Humorous");
    runAllDueJobs(lifecycle);
    String label = Xep.label(number(lifecycle));
    String version = registryEntry(lifecycle).currentVersion().getVersion();
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Evil made mandatory.")));
    ProcessInstance change = called(lifecycle, "new-version");
    // every change to an Active XEP goes to the Council's vote
    complete("editor", change.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    runAllDueJobs(lifecycle);

    Browser browser = browser();
    browser.logIn("tasklist", "council1");
    browser.openTask("My tasks", "Vote on " + label + " version 1.1: approve the changes in version 1.1");
    assertThat(browser.fieldValue("Changes in version 1.1 since the current version"))
        .startsWith("--- " + label + " version " + version + " (current)\n+++ " + label + " version 1.1 (submitted)\n")
        .contains("<p>Evil made mandatory.</p>");
    browser.screenshot("council1-reads-the-changes");
    browser.choose("-1 (disapprove, with reasons)");
    assertDiffInFixedWidth(browser, "Changes in version 1.1 since the current version", "Your concerns");
    browser.choose("+1 (approve)");
    browser.press("Complete");
    browser.waitForTaskClosed();
  }

  /**
   * The diff shows in a fixed-width font with its lines unwrapped (Tasklist's user stylesheet), and
   * another text area of the same form keeps Tasklist's font.
   */
  private static void assertDiffInFixedWidth(Browser browser, String diffLabel, String otherLabel) {
    assertThat(browser.computedStyle(diffLabel, "font-family")).endsWith("monospace");
    assertThat(browser.computedStyle(diffLabel, "white-space")).isEqualTo("pre");
    assertThat(browser.computedStyle(diffLabel, "overflow-x")).isEqualTo("auto");
    assertThat(browser.computedStyle(otherLabel, "font-family")).doesNotContain("mono");
    assertThat(browser.computedStyle(otherLabel, "white-space")).isNotEqualTo("pre");
  }

  private Set<String> submissionIds() {
    return new HashSet<>(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("protoxep-submission").list().stream().map(pi -> pi.getId()).toList());
  }
}
