package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.People;
import org.xsf.xepflow.identity.XsfGroups;

/**
 * "Request acceptance by the XMPP Council": the objection window goes to the Council members of
 * the moment it opens, one task each (the window's start listeners clear an earlier round's answers).
 */
@Component("requestCouncilAcceptance")
public class RequestCouncilAcceptance implements JavaDelegate {
  private final People people;

  public RequestCouncilAcceptance(People people) {
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("councilMembers", people.membersOf(XsfGroups.COUNCIL));
    execution.setVariable("objection", false);
  }
}
