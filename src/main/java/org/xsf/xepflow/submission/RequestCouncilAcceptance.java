package org.xsf.xepflow.submission;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.People;
import org.xsf.xepflow.identity.XsfGroups;

/**
 * "Request acceptance by the XMPP Council": the objection window goes to the Council members of
 * the moment it opens, one task each, with no answer of an earlier round.
 */
@Component("requestCouncilAcceptance")
public class RequestCouncilAcceptance implements JavaDelegate {
  /** What the Council members and the meeting answer in the objection window. */
  private static final List<String> ANSWERS = List.of("objects", "objectionReasons", "meetingObjects", "meetingMinutes");
  private final People people;

  public RequestCouncilAcceptance(People people) {
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("councilMembers", people.membersOf(XsfGroups.COUNCIL));
    execution.setVariable("objection", false);
    // the answers live in the process: a member who sends none would otherwise get the last round's
    for (String answer : ANSWERS) {
      if (execution.hasVariable(answer)) {
        execution.setVariable(answer, null);
      }
    }
  }
}
