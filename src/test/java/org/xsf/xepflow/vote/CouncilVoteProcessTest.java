package org.xsf.xepflow.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.xsf.xepflow.support.ProcessTestSupport;
import org.xsf.xepflow.support.TasklistClient;

/** The vote of XEP-0001 section 8 through bpmn/council-vote.bpmn. */
@ExtendWith(OutputCaptureExtension.class)
class CouncilVoteProcessTest extends ProcessTestSupport {
  private static int xepNumber = 9000;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  BallotRepository ballots;
  @Autowired
  VoteRepository votes;
  @Autowired
  TestRestTemplate http;
  @Autowired
  Votes voteState;
  @Autowired
  org.springframework.transaction.PlatformTransactionManager transactionManager;

  @Test
  void everyMemberVotingWithoutVetoEndsTheVoteAtOnce() {
    ProcessInstance vote = open("Council");
    assertThat(vote).isWaitingAt("Task_CastVote");
    assertThat(tasksOf(vote)).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("council1", "council2", "council3", "council4", "council5");
    assertThat(tasksOf(vote).get(0).getName()).isEqualTo("Vote on XEP-%04d version 0.3: advance to Draft".formatted(xepNumber));

    castVotes(vote.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "0", "council4", "+1", "council5", "0"));

    assertThat(vote).isEnded().hasPassed("Task_TallyVotes").hasNotPassed("Timer_VotingPeriod")
        .variables().containsEntry("voteOutcome", "advance");
  }

  /**
   * The history keeps each member's task and name; how they voted is the vote's ballots, append-only
   * rows of their own, not kept a second time with the counters the engine keeps for the members'
   * tasks (FullHistoryWithoutFormFields).
   */
  @Test
  void theHistoryKeepsWhoVotedTheBallotsKeepHow() {
    ProcessInstance vote = open("Council");
    castVotes(vote.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "0", "council4", "+1", "council5", "0"));

    var history = processEngine.getHistoryService();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(vote.getId()).taskDefinitionKey("Task_CastVote")
        .finished().list()).extracting(HistoricTaskInstance::getAssignee)
        .containsExactlyInAnyOrder("council1", "council2", "council3", "council4", "council5");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(vote.getId()).variableName("voter").list())
        .extracting(v -> v.getValue()).containsExactlyInAnyOrder("council1", "council2", "council3", "council4", "council5");
    Long voteId = (Long) history.createHistoricVariableInstanceQuery().processInstanceId(vote.getId())
        .variableName("voteId").singleResult().getValue();
    assertThat(ballots.findByVoteIdOrderByIdAsc(voteId)).extracting(Ballot::getMember, Ballot::getValue)
        .containsExactlyInAnyOrder(tuple("council1", 1), tuple("council2", 1), tuple("council3", 0), tuple("council4", 1),
            tuple("council5", 0));
    String[] leftOut = {"ballot", "ballotReasons", "loopCounter", "nrOfInstances", "nrOfActiveInstances",
        "nrOfCompletedInstances"};
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(vote.getId())
        .variableNameIn(leftOut).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(vote.getId()).variableUpdates().list())
        .extracting(d -> ((HistoricVariableUpdate) d).getVariableName()).contains("voter").doesNotContain(leftOut);
  }

  /** Votes reads a vote's ballots once per transaction: one recorded in it counts from then on. */
  @Test
  void aBallotRecordedInATransactionCountsInItsLaterReads() {
    ProcessInstance vote = open("Council");
    Long voteId = (Long) runtimeService.getVariable(vote.getId(), "voteId");
    transaction.executeWithoutResult(tx -> {
      assertThat(voteState.rules(voteId).latestBallots()).doesNotContainKey("council1");
      voteState.record(new Ballot(voteId, "council1", 1, null, java.time.Instant.now()));
      assertThat(voteState.rules(voteId).latestBallots()).containsEntry("council1", 1);
      // a transaction of its own inside this one reads what is committed, not this one's ballots
      var inner = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
      inner.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
      var committed = inner.execute(t -> voteState.rules(voteId).latestBallots());
      assertThat(committed).doesNotContainKey("council1");
      assertThat(voteState.rules(voteId).latestBallots()).containsEntry("council1", 1);
    });
  }

  @Test
  void aVetoBlocksUntilTheMemberLiftsIt() {
    ProcessInstance vote = open("Council");
    castVotes(vote.getId(), Map.of("council1", "1", "council2", "+1", "council3", "-1", "council4", "+1", "council5", "+1"));
    assertThat(vote).isActive();
    assertThat(tasksOf(vote)).extracting(Task::getTaskDefinitionKey).containsOnly("Task_ChangeVote");
    // "Change your vote" offers the ballot cast, as the form writes it, and no reasons
    assertThat(changeForm(vote, "council3")).containsEntry("ballot", "-1").containsEntry("ballotReasons", null);
    assertThat(changeForm(vote, "council1")).containsEntry("ballot", "+1").containsEntry("ballotReasons", null);

    castVotes(vote.getId(), Map.of("council3", "+1"));

    assertThat(vote).isEnded().variables().containsEntry("voteOutcome", "advance");
    Long voteId = (Long) historicVariable(vote, "voteId");
    assertThat(ballots.findByVoteIdOrderByIdAsc(voteId)).hasSize(6)
        .filteredOn(b -> b.getMember().equals("council3")).extracting(Ballot::getValue, Ballot::getReasons)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(-1, "Concerns of council3"), org.assertj.core.groups.Tuple.tuple(1, null));
  }

  private Map<String, Object> changeForm(ProcessInstance vote, String member) {
    var taskService = processEngine.getTaskService();
    Task change = taskService.createTaskQuery().processInstanceId(vote.getId()).taskAssignee(member).singleResult();
    return taskService.getVariables(change.getId(), List.of("ballot", "ballotReasons"));
  }

  @Test
  void aVetoStandingWhenThePeriodEndsBlocksTheXep() {
    ProcessInstance vote = open("Council");
    castVotes(vote.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "-1", "council4", "+1", "council5", "+1"));
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runDueJobs(vote.getId());

    assertThat(vote).isEnded().hasPassed("Timer_VotingPeriod").variables().containsEntry("voteOutcome", "blocked")
        .containsEntry("voteSummary", """
            Blocked: a -1 stands; the author must address the concerns.
            council1: +1
            council2: +1
            council3: -1 (Concerns of council3)
            council4: +1
            council5: +1""");
    assertThat(votes.findById((Long) historicVariable(vote, "voteId")).orElseThrow().getOutcome()).isEqualTo("blocked");
  }

  @Test
  void withoutAMajorityOfPlusOnesItDoesNotAdvance() {
    ProcessInstance vote = open("Council");
    castVotes(vote.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "0", "council4", "0", "council5", "0"));
    assertThat(vote).isEnded().variables().containsEntry("voteOutcome", "noMajority");
  }

  @Test
  void silentMembersAreRemindedAndThenCountAsTheDiagramsDefault() {
    ProcessInstance vote = open("Council");
    castVotes(vote.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "+1"));
    advanceClock(Duration.ofDays(12).plusMinutes(1));
    runDueJobs(vote.getId());
    // one mail, delivered to the two mailboxes of the members who have not voted
    assertThat(standardsList.messages()).hasSize(2).allSatisfy(mail -> {
      assertThat(subject(mail)).startsWith("Reminder: vote on XEP-%04d version 0.3".formatted(xepNumber));
      assertThat(mail.getAllRecipients()).extracting(Object::toString)
          .containsExactlyInAnyOrder("council4@example.org", "council5@example.org");
    });

    advanceClock(Duration.ofDays(2));
    runDueJobs(vote.getId());

    // silent members count as 0 (the field silentMemberVote in the diagram): 3 of 5 is a majority
    assertThat(vote).isEnded().variables().containsEntry("voteOutcome", "advance");
  }

  @Test
  void aMemberWithoutAMailAddressDoesNotStopTheOthersReminder() {
    ProcessInstance vote = open("Council");
    castVotes(vote.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "+1"));
    withoutMailAddress("council5", () -> {
      advanceClock(Duration.ofDays(12).plusMinutes(1));
      runDueJobs(vote.getId());
    });
    // before: "No mail address for user 'council5'", an incident, and no reminder for anyone
    assertThat(standardsList.messages()).singleElement().satisfies(mail ->
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("council4@example.org"));
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(vote.getId()).count()).isZero();
  }

  @Test
  void aMinusOneNeedsWrittenReasonsAndNothingIsRecordedWithout(CapturedOutput log) throws Exception {
    ProcessInstance vote = open("Council");
    Task task = taskOf(vote, "council2");

    assertThatThrownBy(() -> as("council2", () -> processEngine.getFormService()
        .submitTaskForm(task.getId(), Map.of("ballot", "-1"))))
        .hasMessage("\"Your concerns (required for -1: the author must address them)\" needs an answer.");
    // through engine-rest, and through the engine API as Tasklist submits it: the member's error, not the server's
    ResponseEntity<String> response = submitThroughEngineRest(http, "council2", task.getId(), Map.of("ballot", "-1"));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("Your concerns (required for -1: the author must address them)\\\" needs an answer.");
    var tasklist = new TasklistClient(http.getRootUri(), "council2").post("/task/" + task.getId() + "/submit-form",
        "{\"variables\": {\"ballot\": {\"value\": \"-1\", \"type\": \"String\"}}}");
    assertThat(tasklist.statusCode()).isEqualTo(400);
    assertThat(tasklist.body()).contains("Your concerns (required for -1: the author must address them)\\\" needs an answer.");
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain("ENGINE-REST-HTTP500");

    assertThat(ballots.findByVoteIdOrderByIdAsc((Long) runtimeService.getVariable(vote.getId(), "voteId"))).isEmpty();
    assertThat(taskOf(vote, "council2").getTaskDefinitionKey()).isEqualTo("Task_CastVote");
  }

  @Test
  void reasonsLongerThanTheBallotKeepsAreRefusedAndNothingIsRecorded(CapturedOutput log) {
    ProcessInstance vote = open("Council");
    Long voteId = (Long) runtimeService.getVariable(vote.getId(), "voteId");
    Task task = taskOf(vote, "council2");

    ResponseEntity<String> response = submitThroughEngineRest(http, "council2", task.getId(),
        Map.of("ballot", "-1", "ballotReasons", "r".repeat(Ballot.REASONS + 1)));

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("The reasons for the vote: 4,001 characters; the XEPs database keeps at most 4,000.");
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain("Value too long");
    assertThat(ballots.findByVoteIdOrderByIdAsc(voteId)).isEmpty();
    assertThat(taskOf(vote, "council2").getTaskDefinitionKey()).isEqualTo("Task_CastVote");

    as("council2", () -> processEngine.getFormService().submitTaskForm(task.getId(),
        Map.of("ballot", "-1", "ballotReasons", "r".repeat(Ballot.REASONS))));
    assertThat(ballots.findByVoteIdOrderByIdAsc(voteId)).singleElement()
        .satisfies(b -> assertThat(b.getReasons()).hasSize(Ballot.REASONS));
  }

  @Test
  void aMemberCannotVoteForAnother() {
    ProcessInstance vote = open("Council");
    Task council1 = taskOf(vote, "council1");

    assertThatThrownBy(() -> as("council2", () -> processEngine.getFormService()
        .submitTaskForm(council1.getId(), Map.of("ballot", "+1")))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as("council1", () -> processEngine.getFormService()
        .submitTaskForm(council1.getId(), Map.of("ballot", "+2")))).hasMessageContaining("A vote is +1, 0 or -1");
    assertThatThrownBy(() -> as("author1", () -> processEngine.getFormService()
        .submitTaskForm(council1.getId(), Map.of("ballot", "+1")))).isInstanceOf(AuthorizationException.class);
    assertThat(ballots.findByVoteIdOrderByIdAsc((Long) runtimeService.getVariable(vote.getId(), "voteId"))).isEmpty();
  }

  @Test
  void boardApprovedProceduralXepsAreVotedOnByTheBoard() {
    ProcessInstance vote = open("Board");
    assertThat(tasksOf(vote)).extracting(Task::getAssignee).containsExactlyInAnyOrder("board1", "board2", "board3");
    castVotes(vote.getId(), Map.of("board1", "+1", "board2", "+1", "board3", "0"));
    assertThat(vote).isEnded().variables().containsEntry("voteOutcome", "advance");
  }

  @Test
  void theEndOfTheCouncilsTermVoidsOpenCouncilVotesButNotBoardVotes() {
    ProcessInstance councilVote = open("Council");
    ProcessInstance boardVote = open("Board");
    castVotes(councilVote.getId(), Map.of("council1", "+1"));

    startForm("editor", "council-term-end", Map.of("termEndedOn", "2026-12-31"));

    assertThat(councilVote).isEnded().hasPassed("Message_TermEnded").variables().containsEntry("voteOutcome", "termEnded");
    assertThat(boardVote).isActive();
  }

  @Test
  void aNewRevisionEndsTheVoteOnTheOldOne() {
    ProcessInstance vote = open("Council");
    runtimeService.createMessageCorrelation("NewRevision").processInstanceVariableEquals("xepNumber", xepNumber)
        .correlateAll();
    assertThat(vote).isEnded().variables().containsEntry("voteOutcome", "revisionChanged");
  }

  @Test
  void membersVotingAtTheSameMomentThroughTheRestApiAreEachRecordedOnce() throws Exception {
    ProcessInstance vote = open("Council");
    List<Callable<Void>> voters = new ArrayList<>();
    for (Task task : tasksOf(vote)) {
      voters.add(() -> {
        for (int attempt = 0; ; attempt++) {
          ResponseEntity<String> response = submitThroughEngineRest(http, task.getAssignee(), task.getId(),
              Map.of("ballot", "+1"));
          if (response.getStatusCode().is2xxSuccessful()) {
            return null;
          }
          // a concurrent change of the same process: what Tasklist's user would do, try again
          if (attempt > 10 || !response.getBody().contains("OptimisticLockingException")) {
            throw new AssertionError(response.getStatusCode() + " " + response.getBody());
          }
        }
      });
    }
    var pool = Executors.newFixedThreadPool(5);
    try {
      for (var result : pool.invokeAll(voters)) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
    runDueJobs(vote.getId());

    assertThat(vote).isEnded().variables().containsEntry("voteOutcome", "advance");
    assertThat(ballots.findByVoteIdOrderByIdAsc((Long) historicVariable(vote, "voteId"))).extracting(Ballot::getMember)
        .containsExactlyInAnyOrder("council1", "council2", "council3", "council4", "council5");
  }

  private ProcessInstance open(String approvingBody) {
    xepNumber++;
    return runtimeService.startProcessInstanceByKey("council-vote", Map.of("xepNumber", xepNumber,
        "xepLabel", "XEP-%04d".formatted(xepNumber), "title", "Test protocol", "version", "0.3",
        "approvingBody", approvingBody, "question", "advance to Draft", "xepUrl", "http://localhost/x"));
  }

  private List<Task> tasksOf(ProcessInstance vote) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(vote.getId()).list();
  }

  private Task taskOf(ProcessInstance vote, String member) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(vote.getId()).taskAssignee(member)
        .singleResult();
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(name).singleResult().getValue();
  }
}
