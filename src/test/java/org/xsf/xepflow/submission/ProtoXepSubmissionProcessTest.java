package org.xsf.xepflow.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.xsf.xepflow.document.HeaderLimits;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.CouncilResponse;
import org.xsf.xepflow.registry.ProtoXep;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepType;

/** Every path of bpmn/protoxep-submission.bpmn (XEP-0001 sections 4 and 5). */
class ProtoXepSubmissionProcessTest extends SubmissionTestSupport {
  @Value("${xepflow.site.dir}/extensions")
  Path site;

  @Test
  void aNameTakenInTheInboxGetsTheNextFreeNumber() {
    String base = "names-" + Long.toString(System.nanoTime(), 36);
    String document = fixture("inbox/mix.xml").replace("<shortname>MIX</shortname>", "<shortname>" + base + "</shortname>");

    List<String> names = Stream.of(1, 2, 3).map(i -> submit("author1", document))
        .map(pi -> protoXeps.findById((Long) runtimeService().getVariable(pi.getId(), "protoXepId")).orElseThrow().getInboxName())
        .toList();

    assertThat(names).containsExactly(base, base + "-2", base + "-3");
  }

  @Test
  void acceptedWhenNoCouncilMemberObjectsWithinFourteenDays() throws Exception {
    int expectedNumber = xeps.findFirstByOrderByNumberDesc().map(Xep::getNumber).orElse(0) + 1;
    ProcessInstance pi = submit("author1", fixture("inbox/mix.xml"));

    assertThat(pi).isWaitingAt("Task_EditorFormatReview").task().hasCandidateGroup("editor")
        .hasName("Ensure the format of ProtoXEP \"Mediated Information eXchange (MIX)\" is correct");
    assertThat(pi).variables().containsEntry("author", "author1").containsKey("findings")
        .containsEntry("approver", "Council");
    formatAccepted(pi, "Standards Track");
    assertThat(pi).variables().containsEntry("approvingBody", "Council");

    assertThat(pi).hasPassed("Task_PublishToInbox", "Task_AnnounceProtoXep")
        .isWaitingAt("Task_ConsiderObjection", "Task_RecordMeetingDecision");
    assertThat(objectionTaskAssignees(pi)).containsExactlyElementsOf(COUNCIL);
    ProtoXep protoXep = protoXeps.findById((Long) runtimeService().getVariable(pi.getId(), "protoXepId")).orElseThrow();
    Path inboxCopy = site.resolve("inbox/" + protoXep.getInboxName() + ".xml");
    assertThat(Files.readString(inboxCopy)).isEqualTo(fixture("inbox/mix.xml"));
    assertThat(standardsList.messages()).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("ProtoXEP: Mediated Information eXchange (MIX)");
      assertThat(body(mail)).contains("has received a proposal for a new XEP")
          .contains("/extensions/inbox/" + protoXep.getInboxName() + ".html")
          .contains("XMPP Council will decide in the next two weeks");
      assertThat(recipient(mail)).isEqualTo("standards@xmpp.org");
    });

    noObjection(pi, "council2");
    advanceClock(Duration.ofDays(13));
    runDueJobs(pi.getId());
    assertThat(pi).isWaitingAt("Task_ConsiderObjection");

    advanceClock(Duration.ofDays(1).plusMinutes(1));
    runDueJobs(pi.getId());

    assertThat(pi).isEnded().hasPassed("Timer_ObjectionWindow", "Task_AcceptAsXep", "Task_AnnounceXep", "End_Accepted");
    Xep xep = registryEntry(expectedNumber);
    assertThat(xep.getStatus()).isEqualTo(XepStatus.Experimental);
    assertThat(xep.getType()).isEqualTo(XepType.STANDARDS_TRACK);
    assertThat(xep.getAuthor()).isEqualTo("author1");
    assertThat(xep.getVersions()).singleElement().satisfies(v -> {
      assertThat(v.getVersion()).isEqualTo("0.1");
      assertThat(v.getDocument()).contains("<number>%04d</number>".formatted(expectedNumber))
          .contains("<status>Experimental</status>").contains("<version>0.1</version>")
          .contains("no objection within fourteen days").contains("<!DOCTYPE xep SYSTEM 'xep.dtd'");
    });
    assertThat(xep.getStatusHistory()).singleElement().satisfies(change -> {
      assertThat(change.getFromStatus()).isEqualTo(XepStatus.ProtoXEP);
      assertThat(change.getToStatus()).isEqualTo(XepStatus.Experimental);
      assertThat(change.getVersion()).isEqualTo("0.1");
      assertThat(change.getReason()).contains("no objection within fourteen days");
    });
    assertThat(protoXeps.findById(protoXep.getId()).orElseThrow().getState()).isEqualTo(ProtoXep.State.ACCEPTED);
    assertThat(site.resolve("xep-%04d.xml".formatted(expectedNumber))).exists();
    assertThat(subjects()).containsExactly("ProtoXEP: Mediated Information eXchange (MIX)",
        "NEW: XEP-%04d (Mediated Information eXchange (MIX))".formatted(expectedNumber));
    assertThat(body(standardsList.messages().get(1))).contains("Version 0.1 of XEP-%04d".formatted(expectedNumber))
        .contains("/extensions/xep-%04d.html".formatted(expectedNumber));
    assertThat(councilResponses.findByProtoXepIdOrderByRespondedAtAscIdAsc(protoXep.getId()))
        .extracting(CouncilResponse::getRespondent, CouncilResponse::isObjection)
        .containsExactly(tuple("council2", false));
  }

  @Test
  void protoXepsWhoseObjectionWindowsEndAtTheSameMomentGetANumberEach() throws Exception {
    List<ProcessInstance> submissions = Stream.of("inbox/mix.xml", "inbox/fasten.xml", "inbox/xor.xml", "inbox/rsf.xml")
        .map(name -> submit("author1", fixture(name))).toList();
    submissions.forEach(pi -> formatAccepted(pi, "Standards Track"));
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    List<String> windowsEnding = submissions.stream().map(pi -> managementService.createJobQuery()
        .processInstanceId(pi.getId()).activityId("Timer_ObjectionWindow").singleResult().getId()).toList();

    // as the job executor's threads run timers that came due together (after a stop, or on two nodes)
    ExecutorService threads = Executors.newFixedThreadPool(windowsEnding.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Object>> ends = windowsEnding.stream().map(job -> threads.submit(() -> {
        start.await();
        managementService.executeJob(job);
        return null;
      })).toList();
      start.countDown();
      for (Future<Object> end : ends) {
        end.get(); // before: all but one failed on the same number
      }
    } finally {
      threads.shutdown();
    }

    assertThat(submissions).allSatisfy(pi -> assertThat(pi).isEnded().hasPassed("End_Accepted"));
    assertThat(submissions.stream().map(pi -> historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName("xepNumber").singleResult().getValue()).distinct()).hasSize(4);
  }

  @Test
  void acceptedAtOnceWhenEveryCouncilMemberDeclaresNoObjection() {
    ProcessInstance pi = submit("author2", fixture("inbox/fasten.xml"));
    formatAccepted(pi, "Standards Track");
    COUNCIL.forEach(member -> noObjection(pi, member));
    runDueJobs(pi.getId());

    assertThat(pi).isEnded().hasPassed("End_CouncilResponded", "Task_AcceptAsXep").hasNotPassed("Timer_ObjectionWindow");
    Xep xep = registryEntry((Integer) historicVariable(pi, "xepNumber"));
    assertThat(xep.getStatusHistory()).extracting(StatusChange::getReason)
        .containsExactly("Accepted by the XMPP Council: no Council member objected.");
  }

  @Test
  void objectionReturnsItToTheAuthorWhoResubmitsAndItIsAcceptedAtTheCouncilMeeting() {
    ProcessInstance pi = submit("author1", fixture("inbox/tictactoe.xml"));
    formatAccepted(pi, "Standards Track");
    noObjection(pi, "council1");
    assertThatThrownBy(() -> complete("council3", pi, "Task_ConsiderObjection",
        Map.of("objects", true, "objectionReasons", "r".repeat(CouncilResponse.REASONS + 1))))
        .rootCause().isInstanceOf(InvalidInputException.class).hasMessageStartingWith("The reasons for the objection: 4,001 characters");
    assertThat(objectionTaskAssignees(pi)).contains("council3");
    complete("council3", pi, "Task_ConsiderObjection",
        Map.of("objects", true, "objectionReasons", "Use XEP-0004 data forms for the board."));

    assertThat(pi).isWaitingAt("Task_ReviseProtoXep").task().isAssignedTo("author1");
    assertThat(objectionTaskAssignees(pi)).isEmpty();
    assertThat(pi).variables().containsEntry("feedback",
        "Objection (council3): Use XEP-0004 data forms for the board.");

    String revised = fixture("inbox/tictactoe.xml").replace("0.0.1", "0.0.2");
    complete("author1", pi, "Task_ReviseProtoXep", Map.of("authorDecision", "revise", "xml", revised));
    assertThat(pi).isWaitingAt("Task_EditorFormatReview");
    formatAccepted(pi, "Standards Track");
    assertThat(subjects()).containsExactly("ProtoXEP: Tic-tac-toe", "ProtoXEP: Tic-tac-toe");
    assertThat(objectionTaskAssignees(pi)).containsExactlyElementsOf(COUNCIL);
    // a member who answers nothing in the new round is not given the last round's objection and reasons
    String council2 = taskService().createTaskQuery().processInstanceId(pi.getId()).taskAssignee("council2").singleResult().getId();
    assertThatThrownBy(() -> as("council2", () -> processEngine.getFormService().submitTaskForm(council2, Map.of())))
        .hasMessageContaining("needs an answer: true or false.");

    complete("editor", pi, "Task_RecordMeetingDecision", Map.of("meetingObjects", false));
    runDueJobs(pi.getId());

    assertThat(pi).isEnded().hasPassed("End_MeetingDecided", "Task_AcceptAsXep");
    assertNoTasksLeft(pi);
    Long protoXepId = (Long) historicVariable(pi, "protoXepId");
    assertThat(protoXeps.findById(protoXepId).orElseThrow().getDocument()).contains("0.0.2");
    assertThat(councilResponses.findByProtoXepIdOrderByRespondedAtAscIdAsc(protoXepId))
        .extracting(CouncilResponse::getRespondent, CouncilResponse::isObjection, CouncilResponse::getReasons)
        .containsExactly(
            tuple("council1", false, null),
            tuple("council3", true, "Use XEP-0004 data forms for the board."),
            tuple(RecordCouncilResponse.COUNCIL_MEETING, false, null));
    Xep xep = registryEntry((Integer) historicVariable(pi, "xepNumber"));
    assertThat(xep.getStatusHistory()).extracting(StatusChange::getReason)
        .containsExactly("Accepted by the XMPP Council: no objection at the Council meeting.");
    // those rows are the record: the engine's history does not keep the answers a second time
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableNameIn("objects", "objectionReasons", "meetingObjects", "meetingMinutes").count()).isZero();
    assertThat(historicVariable(pi, "feedback")).isEqualTo("Objection (council3): Use XEP-0004 data forms for the board.");
  }

  @Test
  void theLongestTitleTheCheckTakesFitsEveryStepThatNamesIt() {
    String title = "T".repeat(HeaderLimits.TITLE);
    ProcessInstance pi = submit("author2", fixture("inbox/rsf.xml").replaceFirst("<title>[^<]*</title>", "<title>" + title + "</title>"));
    formatAccepted(pi, "Standards Track");
    // the Council meeting's task is named by the title, in the engine's column of 255 characters
    assertThat(taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_RecordMeetingDecision")
        .singleResult().getName()).isEqualTo("Record the Council meeting's decision on \"" + title + "\"");

    complete("editor", pi, "Task_RecordMeetingDecision", Map.of("meetingObjects", false));
    runDueJobs(pi.getId());

    assertThat(pi).isEnded().hasPassed("Task_AcceptAsXep", "Task_AnnounceXep");
    assertThat(registryEntry((Integer) historicVariable(pi, "xepNumber")).getTitle()).isEqualTo(title);
  }

  @Test
  void objectionAtTheCouncilMeetingReturnsItToTheAuthorWhoWithdrawsIt() {
    ProcessInstance pi = submit("author2", fixture("inbox/rsf.xml"));
    formatAccepted(pi, "Standards Track");
    complete("editor", pi, "Task_RecordMeetingDecision",
        Map.of("meetingObjects", true, "meetingMinutes", "Overlaps with XEP-0060 filtering."));
    assertThat(pi).isWaitingAt("Task_ReviseProtoXep").task().isAssignedTo("author2");

    complete("author2", pi, "Task_ReviseProtoXep", Map.of("authorDecision", "withdraw"));

    assertThat(pi).isEnded().hasPassed("Task_RecordWithdrawal", "End_Withdrawn").hasNotPassed("Task_AcceptAsXep");
    assertThat(protoXeps.findById((Long) historicVariable(pi, "protoXepId")).orElseThrow().getState())
        .isEqualTo(ProtoXep.State.WITHDRAWN);
  }

  @Test
  void anObjectionNeedsWrittenReasons() {
    ProcessInstance pi = submit("author1", fixture("inbox/peptzo.xml"));
    formatAccepted(pi, "Standards Track");

    assertThatThrownBy(() -> complete("council4", pi, "Task_ConsiderObjection", Map.of("objects", true)))
        .hasMessage("\"Reasons for the objection (sent to the author)\" needs an answer.");

    assertThat(objectionTaskAssignees(pi)).containsExactlyElementsOf(COUNCIL);
    assertThat(councilResponses.findByProtoXepIdOrderByRespondedAtAscIdAsc(
        (Long) runtimeService().getVariable(pi.getId(), "protoXepId"))).isEmpty();
  }

  @Test
  void formatRejectedThenRevisedThenWithdrawn() {
    String broken = fixture("inbox/xor.xml").replaceFirst("<section1 topic=['\"]Security Considerations['\"]",
        "<section1 topic='Safety Considerations'");
    ProcessInstance pi = submit("author2", broken);
    assertThat(pi).variables().containsEntry("findingsCount", 1);
    assertThat((String) runtimeService().getVariable(pi.getId(), "findings")).contains("Security Considerations");

    complete("editor", pi, "Task_EditorFormatReview",
        Map.of("formatDecision", "return", "editorComments", "Please add a Security Considerations section."));
    assertThat(pi).isWaitingAt("Task_ReviseProtoXep").task().isAssignedTo("author2");
    assertThat(pi).variables().containsEntry("feedback", "Please add a Security Considerations section.");
    assertThat(standardsList.messages()).isEmpty();

    complete("author2", pi, "Task_ReviseProtoXep", Map.of("authorDecision", "revise", "xml", fixture("inbox/xor.xml")));
    // each round's form starts with no answer of the last: Tasklist showed "back to the author" with the old comments
    assertThat(pi).isWaitingAt("Task_EditorFormatReview").variables().containsEntry("findingsCount", 0)
        .doesNotContainKeys("formatDecision", "editorComments");
    complete("editor", pi, "Task_EditorFormatReview",
        Map.of("formatDecision", "return", "editorComments", "The abstract is too long."));
    assertThat(pi).isWaitingAt("Task_ReviseProtoXep").variables().doesNotContainKey("authorDecision");
    complete("author2", pi, "Task_ReviseProtoXep", Map.of("authorDecision", "withdraw"));

    assertThat(pi).isEnded().hasPassed("End_Withdrawn").hasNotPassed("Task_PublishToInbox");
    assertThat(standardsList.messages()).isEmpty();
  }

  @Test
  void boardApprovedProceduralProtoXepIsAcceptedByTheEditorInConsultationWithTheBoard() {
    ProcessInstance pi = submit("author1", fixture("inbox/eax-car.xml"));
    assertThat(pi).variables().containsEntry("approver", "Board");
    formatAccepted(pi, "Procedural");
    assertThat(pi).variables().containsEntry("approvingBody", "Board");

    assertThat(pi).isWaitingAt("Task_BoardConsultation").task().hasCandidateGroup("editor");
    assertThat(objectionTaskAssignees(pi)).isEmpty();
    assertThat(body(standardsList.messages().get(0))).contains("in consultation with the XSF Board of Directors");
    complete("editor", pi, "Task_BoardConsultation", Map.of("boardDecision", "accept"));
    runDueJobs(pi.getId());

    assertThat(pi).isEnded().hasPassed("Task_AcceptAsXep", "Task_AnnounceXep").hasNotPassed("Task_RequestCouncilAcceptance");
    Xep xep = registryEntry((Integer) historicVariable(pi, "xepNumber"));
    assertThat(xep.getType()).isEqualTo(XepType.PROCEDURAL);
    assertThat(xep.getApprover()).isEqualTo("Board");
    assertThat(xep.getStatusHistory()).extracting(StatusChange::getReason).containsExactly(
        "Accepted by the XMPP Extensions Editor in consultation with the XSF Board of Directors.");
  }

  @Test
  void onlyTheAssignedCouncilMemberMayAnswerTheirObjectionTask() {
    ProcessInstance pi = submit("author2", fixture("inbox/data_policy.xml"));
    formatAccepted(pi, "Standards Track");
    String council1Task = taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskAssignee("council1").singleResult().getId();

    assertThatThrownBy(() -> as("council2", () -> taskService().complete(council1Task, Map.of("objects", false))))
        .isInstanceOf(AuthorizationException.class);
    assertThat(objectionTaskAssignees(pi)).containsExactlyElementsOf(COUNCIL);
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).singleResult().getValue();
  }

  private Xep registryEntry(int number) {
    return transaction.execute(status -> {
      Xep xep = xeps.findById(number).orElseThrow();
      xep.getVersions().size();
      xep.getStatusHistory().size();
      return xep;
    });
  }
}
