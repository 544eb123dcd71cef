package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostLoadEventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepVersion;

/** Experimental and Deferred XEPs (XEP-0001 sections 6, 8.1, 9.1, 9.6, 9.7) through bpmn/xep-lifecycle.bpmn. */
@ExtendWith(OutputCaptureExtension.class)
class ExperimentalLifecycleTest extends LifecycleTestSupport {
  @Value("${xepflow.site.dir}/extensions")
  private Path site;
  private static final Set<SessionFactoryImplementor> COUNTED_FACTORIES = ConcurrentHashMap.newKeySet();
  private static final ThreadLocal<long[]> VERSION_LOADS = new ThreadLocal<>();
  @Autowired
  private EntityManagerFactory entityManagerFactory;
  @Autowired
  private Deadlines deadlines;

  @Test
  void acceptanceStartsTheLifecycleAsExperimental() {
    ProcessInstance lifecycle = accept("author1", "inbox/mix.xml", "Standards Track");

    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction", "Message_CouncilDecisionExperimental");
    // the author submits new versions from a start form: no standing task per XEP in their list
    assertThat(processEngine.getTaskService().createTaskQuery().taskAssignee("author1")
        .processInstanceBusinessKey(lifecycle.getBusinessKey()).count()).isZero();
    assertStatus(lifecycle, XepStatus.Experimental);
  }

  @Test
  void humorousXepsAreActiveAsSoonAsTheyAreAccepted() {
    ProcessInstance lifecycle = accept("author2", "xep-0076.xml", "Humorous");
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Active);
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental, XepStatus.Active);
    assertThat(lifecycle).isWaitingAt("Gateway_ApprovedChangeOrReversal", "Message_CouncilDecisionApproved");
    assertThat(subjects()).contains("ACTIVE: XEP-%04d (Malicious Stanzas)".formatted(number(lifecycle)));
  }

  @Test
  void deferredAfterTwelveMonthsWithoutANewVersionAndTheAuthorIsRemindedAMonthBefore() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Standards Track");
    standardsListPurged();

    advanceClock(Duration.ofDays(335));
    runAllDueJobs(lifecycle);
    assertThat(standardsList.messages()).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("Reminder: XEP-%04d (Message Fastening) will be Deferred on %s"
          .formatted(number(lifecycle), deferralDay(lifecycle)));
      assertThat(recipient(mail)).isEqualTo("author1@example.org");
    });
    assertStatus(lifecycle, XepStatus.Experimental);

    advanceClock(Duration.ofDays(31));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deferred);
    assertThat(registryEntry(lifecycle).getStatusHistory().get(1).getReason())
        .isEqualTo("No new version for twelve months (XEP-0001 section 6).");
    assertThat(subjects()).contains("DEFERRED: XEP-%04d (Message Fastening)".formatted(number(lifecycle)));
    assertThat(lifecycle).isWaitingAt("Message_NewVersionDeferred").isWaitingFor("ReassignmentRecorded");
    // the history logs what changed: the status, not the type and version it kept
    assertThat(variableUpdates(lifecycle, "status")).containsExactly("Experimental", "Deferred");
    assertThat(variableUpdates(lifecycle, "xepType")).containsExactly("Standards Track");
    // no change was cut short: the announcement leads straight on, not a step (a history row each) more than
    // before the lifecycle told of changes cut short (before this, two gateways more at each change of status)
    assertThat(stepsAfterTheStatusChangeAnnounced(lifecycle)).containsExactly("Gateway_JoinRoute");
  }

  /**
   * Runs the lifecycle's due jobs; how many XEP versions Hibernate read meanwhile on this thread.
   * Hibernate's statistics would also count the site index, which another thread rebuilds after the change.
   */
  private long versionsReadWhileRunningDueJobs(ProcessInstance lifecycle) {
    SessionFactoryImplementor sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
    if (COUNTED_FACTORIES.add(sessionFactory)) {
      sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class)
          .appendListeners(EventType.POST_LOAD, (PostLoadEventListener) event -> {
            long[] loads = VERSION_LOADS.get();
            if (loads != null && event.getEntity() instanceof XepVersion) {
              loads[0]++;
            }
          });
    }
    long[] loads = {0};
    VERSION_LOADS.set(loads);
    try {
      runAllDueJobs(lifecycle);
      return loads[0];
    } finally {
      VERSION_LOADS.remove();
    }
  }

  private List<Object> variableUpdates(ProcessInstance lifecycle, String name) {
    return processEngine.getHistoryService().createHistoricDetailQuery().processInstanceId(lifecycle.getId())
        .variableUpdates().orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast).filter(u -> u.getVariableName().equals(name))
        .map(HistoricVariableUpdate::getValue).toList();
  }

  @Test
  void noReminderWhenTheReminderTimerFiresAfterTheDeferralIsDue() {
    ProcessInstance lifecycle = accept("author2", "inbox/account-management.xml", "Standards Track");
    standardsListPurged();

    // both timers due at once, as after the app was down for longer than the last month
    advanceClock(Duration.ofDays(400));
    managementService.executeJob(managementService.createJobQuery().processInstanceId(lifecycle.getId())
        .activityId("Timer_DeferralReminder").singleResult().getId());
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deferred);
    assertThat(lifecycle).hasPassed("Timer_DeferralReminder", "End_NoReminder").hasNotPassed("Task_RemindAuthor");
    assertThat(subjects()).noneMatch(s -> s.startsWith("Reminder:"));
  }

  @Test
  void anAuthorWithoutAMailAddressIsNotRemindedAndTheXepIsDeferredAllTheSame(CapturedOutput log) {
    ProcessInstance lifecycle = accept("author2", "inbox/fasten.xml", "Standards Track");
    standardsListPurged();

    withoutMailAddress("author2", () -> {
      advanceClock(Duration.ofDays(335));
      runAllDueJobs(lifecycle);
    });
    assertThat(lifecycle).hasPassed("Task_RemindAuthor", "End_Reminded");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(lifecycle.getId()).count()).isZero();
    assertThat(subjects()).noneMatch(s -> s.startsWith("Reminder:"));
    // before: "No mail address for user 'author2'": the reminder's timer failed, an incident once its retries ran out
    assertThat(log.getAll()).contains("\"Reminder: XEP-%04d (Message Fastening) will be Deferred on %s\" is not sent: the person it is for has no mail address"
        .formatted(number(lifecycle), deferralDay(lifecycle)));

    advanceClock(Duration.ofDays(31));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deferred);
  }

  @Test
  void aLifecycleStartedOnAnEarlierDiagramStillRemindsItsAuthor(@TempDir Path earlier) throws Exception {
    // the reminder's recipient as lifecycles started before the forty-third session have it
    ProcessInstance[] lifecycles = new ProcessInstance[2];
    withLifecycleDiagramEdited(earlier, diagram -> diagram.replace("${people.address(author)}", "${people.email(author)}"),
        () -> {
          lifecycles[0] = accept("author1", "inbox/fasten.xml", "Standards Track");
          lifecycles[1] = accept("author2", "inbox/account-management.xml", "Standards Track");
        });
    standardsListPurged();

    withoutMailAddress("author2", () -> {
      advanceClock(Duration.ofDays(335));
      runAllDueJobs(lifecycles[0]);
      runAllDueJobs(lifecycles[1]);
    });

    for (ProcessInstance lifecycle : lifecycles) {
      assertThat(lifecycle).hasPassed("Task_RemindAuthor");
      assertThat(runtimeService.createIncidentQuery().processInstanceId(lifecycle.getId()).count()).isZero();
    }
    assertThat(subjects()).filteredOn(s -> s.startsWith("Reminder: XEP-%04d ".formatted(number(lifecycles[0])))).hasSize(1);
    assertThat(subjects()).noneMatch(s -> s.startsWith("Reminder: XEP-%04d ".formatted(number(lifecycles[1]))));
  }

  @Test
  void aNewVersionRestartsTheTwelveMonthsAndBringsADeferredXepBack() {
    ProcessInstance lifecycle = accept("author1", "inbox/tictactoe.xml", "Standards Track");
    advanceClock(Duration.ofDays(300));
    publishNewVersion(lifecycle, "0.2");

    assertThat(registryEntry(lifecycle).getVersions()).extracting(XepVersion::getVersion).containsExactly("0.1", "0.2");
    assertThat(subjects()).contains("UPDATED: XEP-%04d (Tic-tac-toe)".formatted(number(lifecycle)));
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction");

    advanceClock(Duration.ofDays(100));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);

    advanceClock(Duration.ofDays(270));
    // the change of status reads the current version's name, not the versions with their documents
    assertThat(versionsReadWhileRunningDueJobs(lifecycle)).isZero();
    assertStatus(lifecycle, XepStatus.Deferred);
    assertThat(registryEntry(lifecycle).getStatusHistory().get(1).getVersion()).isEqualTo("0.2");

    publishNewVersion(lifecycle, "0.3");
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(statusHistory(lifecycle)).containsExactly(XepStatus.Experimental, XepStatus.Deferred, XepStatus.Experimental);
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getVersion()).isEqualTo("0.3");
  }

  @Test
  void aDeferredXepIsNotRetractedAndTakesOneNewVersionAtATime() {
    ProcessInstance lifecycle = deferred("author1", "inbox/rsf.xml");

    // XEP-0001 section 6: only an Experimental XEP is retracted by its author
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle, Map.of("authorAction", "retract")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Deferred: this applies only to a XEP that is Experimental".formatted(number(lifecycle)));
    // the document reaches the lifecycle; a status the form was sent with is refused
    String resumed = nextVersion(lifecycle, "0.2", "Resumed");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("xml", resumed, "status", "Experimental"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no field 'status'");
    submitAsAuthor("author1", lifecycle, Map.of("xml", resumed));
    // a second version while the Editor reviews the first is refused, and nothing of it is kept
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("xml", nextVersion(lifecycle, "0.3", "Again")))).isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%1$04d (Standards Track) is Deferred, but is not waiting for this now; it waits for: Publish version 0.2 of XEP-%1$04d?"
            .formatted(number(lifecycle)));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("new-version")
        .processInstanceBusinessKey(lifecycle.getBusinessKey()).count()).isEqualTo(1);
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("submit-new-version")
        .variableValueEquals("xep", Xep.label(number(lifecycle))).count()).isEqualTo(1);
    assertStatus(lifecycle, XepStatus.Deferred);
  }

  @Test
  void theEditorReassignsADeferredXepToExperimentalEvenWhileANewVersionIsInReview() {
    ProcessInstance lifecycle = deferred("author2", "inbox/rsf.xml");
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "Resumed")));
    ProcessInstance review = called(lifecycle, "new-version");

    recordDecision("reassign-xep", lifecycle, Map.of("reassignReason", "Work resumed at the summit."));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Experimental);
    // the review in progress is cancelled with the state it belonged to
    assertThat(review).isEnded();
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction");
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getReason())
        .isEqualTo("Re-assigned to Experimental by the XMPP Extensions Editor: Work resumed at the summit.");
    assertThat(registryEntry(lifecycle).getStatusHistory().get(2).getChangedBy()).isEqualTo("editor");
    // its author hears what the XEP became, and that the change can be submitted again
    assertThat(mailsTitled("Not published: version 0.2 of XEP-%04d (%s)".formatted(number(lifecycle),
        registryEntry(lifecycle).getTitle()))).singleElement().satisfies(mail -> {
          assertThat(recipient(mail)).isEqualTo("author2@example.org");
          assertThat(body(mail)).contains("when the status of XEP-%04d changed to Experimental".formatted(number(lifecycle)),
              "Reason: Re-assigned to Experimental by the XMPP Extensions Editor: Work resumed at the summit.",
              "submit it again as a new version of XEP-%04d, which is Experimental at version 0.1".formatted(number(lifecycle)));
        });
  }

  @Test
  void aNewVersionInReviewWhenTheTwelveMonthsPassIsNotPublishedAndItsAuthorIsToldTheXepIsDeferred() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Standards Track");
    advanceClock(Duration.ofDays(300));
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "Still in review")));
    ProcessInstance review = called(lifecycle, "new-version");

    advanceClock(Duration.ofDays(70));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Deferred);
    assertThat(review).isEnded();
    String notPublished = "Not published: version 0.2 of XEP-%04d (Message Fastening)".formatted(number(lifecycle));
    // before: "when the status of XEP-NNNN changed", to what it did not say (the lifecycle had not decided yet)
    assertThat(mailsTitled(notPublished)).singleElement().satisfies(mail -> {
      assertThat(recipient(mail)).isEqualTo("author1@example.org");
      assertThat(body(mail)).contains("when the status of XEP-%04d changed to Deferred".formatted(number(lifecycle)),
          "Reason: No new version for twelve months (XEP-0001 section 6).",
          "which is Deferred at version 0.1; once published, it makes the XEP Experimental again")
          .doesNotContain("tmp/");
    });
    // an Experimental XEP's change was never put to the list
    assertThat(subjects()).noneMatch(subject -> subject.startsWith("WITHDRAWN:"));
    assertThat(stepsAfterTheStatusChangeAnnounced(lifecycle)).containsExactly("Task_TellAuthorNotPublished", "Gateway_JoinRoute");

    // told once: the next change of status has no change of its own cut short
    recordDecision("reassign-xep", lifecycle, Map.of("reassignReason", "Work resumed at the summit."));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(mailsTitled(notPublished)).hasSize(1);
    assertThat(runtimeService.getVariable(lifecycle.getId(), "cutShortVersion")).isNull();
    assertThat(stepsAfterTheStatusChangeAnnounced(lifecycle)).containsExactly("Gateway_JoinRoute");
  }

  @Test
  void aPublishedNewVersionBringsADeferredXepBackAtOnceAndAReassignmentAfterItLosesNoAnnouncement() {
    ProcessInstance lifecycle = deferred("author2", "inbox/rsf.xml");
    standardsListPurged();
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "Resumed")));
    ProcessInstance review = called(lifecycle, "new-version");
    complete("editor", review.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));

    // before any announcement is sent, the XEP is Experimental again: nothing is left to re-assign
    assertStatus(lifecycle, XepStatus.Experimental);
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        recordDecision("reassign-xep", lifecycle, Map.of("reassignReason", "Work resumed at the summit.")))
        .isInstanceOf(InvalidInputException.class);
    runAllDueJobs(lifecycle);

    String xep = "XEP-%04d (%s)".formatted(number(lifecycle), registryEntry(lifecycle).getTitle());
    assertThat(subjects()).containsExactlyInAnyOrder("UPDATED: " + xep, "EXPERIMENTAL: " + xep);
  }

  @Test
  void aXepQueuedForAdvancementIsNotDeferred() {
    ProcessInstance lifecycle = queuedForAdvancement(Duration.ofDays(370));

    assertStatus(lifecycle, XepStatus.Experimental);
    // nor is its author told it will be deferred
    assertThat(lifecycle).hasPassed("Timer_Inactivity", "End_NoReminder").hasNotPassed("Task_RemindAuthor")
        .isWaitingAt("Gateway_AuthorAction");

    // being queued is not a new version (XEP-0001 section 6): taken off the queue after twelve months
    // without one, it is deferred at once, not twelve months after the timer found it queued
    advanceClock(Duration.ofDays(30));
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "unqueue"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deferred);
  }

  @Test
  void aQueuedXepKeepsTheNewVersionUnderReviewWhenItsTwelveMonthsPass() {
    ProcessInstance lifecycle = queuedForAdvancement(Duration.ofDays(350));
    submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "Under review")));
    ProcessInstance review = called(lifecycle, "new-version");
    standardsListPurged();

    // before: the twelve months' timer found it queued and started its state over, the review with it
    advanceClock(Duration.ofDays(20));
    runAllDueJobs(lifecycle);
    assertThat(review).isActive();
    assertThat(subjects()).isEmpty();
    complete("editor", review.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    runAllDueJobs(lifecycle);
    assertThat(registryEntry(lifecycle).currentVersion().getVersion()).isEqualTo("0.2");
    assertStatus(lifecycle, XepStatus.Experimental);
  }

  @Test
  void anAuthorWhoseXepLeavesTheQueueInItsTwelfthMonthIsRemindedThen() {
    ProcessInstance lifecycle = queuedForAdvancement(Duration.ofDays(340));
    assertThat(lifecycle).isWaitingAt("Conditional_OffQueue");
    standardsListPurged();

    // before: the reminder's month came while it was queued, and it was deferred two weeks later without a word
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "unqueue"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);
    assertThat(standardsList.messages()).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("Reminder: XEP-%04d (%s) will be Deferred on %s"
          .formatted(number(lifecycle), registryEntry(lifecycle).getTitle(), deferralDay(lifecycle)));
      assertThat(recipient(mail)).isEqualTo("author1@example.org");
    });
    advanceClock(Duration.ofDays(26));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deferred);
  }

  @Test
  void aXepTakenOffTheQueueWithinTwelveMonthsIsDeferredTwelveMonthsAfterItsLastVersion() {
    ProcessInstance lifecycle = accept("author1", "inbox/peptzo.xml", "Standards Track");
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "queue"));
    advanceClock(Duration.ofDays(100));
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "unqueue"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);
    advanceClock(Duration.ofDays(240));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Experimental);
    advanceClock(Duration.ofDays(30));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deferred);
  }

  @Test
  void theAuthorRetractsAnExperimentalXep() {
    ProcessInstance lifecycle = accept("author2", "inbox/xor.xml", "Standards Track");

    submitAsAuthor("author2", lifecycle, Map.of("authorAction", "retract"));
    runAllDueJobs(lifecycle);

    assertStatus(lifecycle, XepStatus.Retracted);
    assertThat(lifecycle).isEnded().hasPassed("End_Retracted");
    // a Retracted XEP's lifecycle has ended: its author is told which XEPs take a new version
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author2", lifecycle,
        Map.of("xml", nextVersion(lifecycle, "0.2", "Too late")))).isInstanceOf(InvalidInputException.class)
        .hasMessage("XEP-%04d (Standards Track) is Retracted: this applies only to a XEP that is Experimental, Deferred, Proposed, Draft, Final or Active"
            .formatted(number(lifecycle)));
    assertThat(subjects()).contains("RETRACTED: XEP-%04d (XMPP Over RELOAD (XOR))".formatted(number(lifecycle)));
  }

  @Test
  void aNewVersionForAnotherXepOrAnOldVersionIsRefused() {
    ProcessInstance lifecycle = accept("author1", "inbox/muc-presence-versioning.xml", "Standards Track");
    String sameVersion = registryEntry(lifecycle).currentVersion().getDocument();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle, Map.of("authorAction", "newVersion", "xml", sameVersion)))
        .hasMessageContaining("is already published");
    // numbered before the current 0.1, or as 0.1 written another way
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("authorAction", "newVersion", "xml", nextVersion(lifecycle, "0.0.9", "Not a later version"))))
        .hasMessage("Version 0.0.9 does not come after version 0.1 of XEP-%04d: number the new version after it."
            .formatted(number(lifecycle)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("authorAction", "newVersion", "xml", nextVersion(lifecycle, "0.1.0", "The same version"))))
        .hasMessage("Version 0.1.0 of XEP-%04d (as 0.1) is already published: add a revision entry for the new version."
            .formatted(number(lifecycle)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("authorAction", "newVersion", "xml", nextVersion(lifecycle, "", "No number"))))
        .hasMessage("The newest revision entry has no version.");
    assertThat(lifecycle).isWaitingAt("Gateway_AuthorAction");
    assertThat(registryEntry(lifecycle).getVersions()).hasSize(1);
  }

  @Test
  void aNewVersionWrittenInAFileNameAsAnotherVersionOfTheXepIsRefused() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/muc-presence-versioning.xml", "Standards Track");
    publishNewVersion(lifecycle, "0.2_1");
    Path attic = site.resolve("attic/xep-%04d-0.2_1.html".formatted(number(lifecycle)));
    String kept = Files.readString(attic);

    // before: published, and its attic copy replaced 0.2_1's (both attic/xep-NNNN-0.2_1.html)
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitAsAuthor("author1", lifecycle,
        Map.of("authorAction", "newVersion", "xml", nextVersion(lifecycle, "0.2-1", "Another number, the same file name"))))
        .hasMessage("Version 0.2-1 of XEP-%04d (as 0.2_1) is already published: add a revision entry for the new version."
            .formatted(number(lifecycle)));
    assertThat(Files.readString(attic)).isEqualTo(kept);
    assertThat(registryEntry(lifecycle).getVersions()).extracting(XepVersion::getVersion).containsExactly("0.1", "0.2_1");
  }

  /** A XEP accepted and, with no new version for more than twelve months, Deferred. */
  private ProcessInstance deferred(String author, String fixture) {
    ProcessInstance lifecycle = accept(author, fixture, "Standards Track");
    advanceClock(Duration.ofDays(370));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deferred);
    return lifecycle;
  }

  /** An accepted XEP the Council queued for advancement at once, this long ago, its due jobs run. */
  private ProcessInstance queuedForAdvancement(Duration ago) {
    ProcessInstance lifecycle = accept("author1", "inbox/peptzo.xml", "Standards Track");
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "queue"));
    advanceClock(ago);
    runAllDueJobs(lifecycle);
    return lifecycle;
  }

  /** The day twelve months after the XEP's last version, as the reminder names it. */
  private String deferralDay(ProcessInstance lifecycle) {
    return deadlines.format(deadlines.after((Date) runtimeService.getVariable(lifecycle.getId(), "inactiveSince"), "P12M"));
  }

  private void standardsListPurged() {
    try {
      standardsList.purge();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
