package org.xsf.xepflow.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.registry.CouncilResponseRepository;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The steps people take in the submission process, done as they would do them in Tasklist. */
abstract class SubmissionTestSupport extends ProcessTestSupport {
  static final List<String> COUNCIL = List.of("council1", "council2", "council3", "council4", "council5");
  @Autowired
  ProtoXepRepository protoXeps;
  @Autowired
  XepRepository xeps;
  @Autowired
  CouncilResponseRepository councilResponses;

  /** The author submits through the start form in Tasklist. */
  ProcessInstance submit(String author, String xml) {
    return startForm(author, "protoxep-submission", Map.of("xml", xml));
  }

  void complete(String user, ProcessInstance pi, String activity, Map<String, Object> variables) {
    complete(user, pi.getId(), activity, variables);
  }

  void formatAccepted(ProcessInstance pi, String type) {
    complete("editor", pi, "Task_EditorFormatReview", Map.of("formatDecision", "accept", "xepType", type));
    runDueJobs(pi.getId());
  }

  void noObjection(ProcessInstance pi, String member) {
    complete(member, pi, "Task_ConsiderObjection", Map.of("objects", false));
  }


  List<String> objectionTaskAssignees(ProcessInstance pi) {
    return taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_ConsiderObjection").orderByTaskAssignee().asc().list().stream()
        .map(Task::getAssignee).toList();
  }

  void assertNoTasksLeft(ProcessInstance pi) {
    assertThat(taskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
  }
}
