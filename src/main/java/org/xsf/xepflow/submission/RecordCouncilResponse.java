package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.CouncilResponse;
import org.xsf.xepflow.registry.CouncilResponseRepository;

/**
 * Records what a Council member, or the Council meeting, said about a ProtoXEP. An objection needs
 * reasons: they go back to the author as the feedback to address.
 */
@Component("recordCouncilResponse")
public class RecordCouncilResponse implements TaskListener {
  static final String COUNCIL_MEETING = "Council meeting";
  private final CouncilResponseRepository responses;

  public RecordCouncilResponse(CouncilResponseRepository responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean fromMeeting = task.getAssignee() == null;
    String respondent = fromMeeting ? COUNCIL_MEETING : task.getAssignee();
    boolean objects = Boolean.TRUE.equals(task.getVariable(fromMeeting ? "meetingObjects" : "objects"));
    String reasons = (String) task.getVariable(fromMeeting ? "meetingMinutes" : "objectionReasons");
    if (objects && (reasons == null || reasons.isBlank())) {
      throw new InvalidInputException("An objection needs written reasons for the author.");
    }
    if (objects) {
      InvalidInputException.atMost("The reasons for the objection", reasons.trim(), CouncilResponse.REASONS);
    }
    responses.save(new CouncilResponse(new SubmissionVariables(task).protoXepId(), respondent, objects,
        objects ? reasons.trim() : null, ClockUtil.getCurrentTime().toInstant()));
    if (objects) {
      task.getExecution().setVariable("objection", true);
      task.getExecution().setVariable("feedback", "Objection (" + respondent + "): " + reasons.trim());
    }
  }
}
