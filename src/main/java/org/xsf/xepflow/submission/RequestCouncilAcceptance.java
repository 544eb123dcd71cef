package org.xsf.xepflow.submission;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.XsfGroups;

/**
 * "Request acceptance by the XMPP Council": the objection window goes to the Council members of
 * the moment it opens, one task each.
 */
@Component("requestCouncilAcceptance")
public class RequestCouncilAcceptance implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    // The person who completed the previous step need not be allowed to list users.
    List<String> members = Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getIdentityService().createUserQuery()
            .memberOfGroup(XsfGroups.COUNCIL).orderByUserId().asc().list().stream()
            .map(User::getId).toList());
    if (members.isEmpty()) {
      throw new IllegalStateException("The group '" + XsfGroups.COUNCIL + "' has no members to ask.");
    }
    execution.setVariable("councilMembers", members);
    execution.setVariable("objection", false);
  }
}
