package org.xsf.xepflow.vote;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.XsfGroups;

/**
 * "Open the vote": the members of the approving body at this moment (the Council, or the Board for
 * Board-approved Procedural XEPs) each get a vote on this one revision.
 */
@Component("openVote")
public class OpenVote implements JavaDelegate {
  private final VoteRepository votes;

  public OpenVote(VoteRepository votes) {
    this.votes = votes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String body = (String) execution.getVariable("approvingBody");
    String group = "Board".equals(body) ? XsfGroups.BOARD : XsfGroups.COUNCIL;
    // Whoever triggered the vote need not be allowed to list users.
    List<String> members = Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getIdentityService().createUserQuery()
            .memberOfGroup(group).orderByUserId().asc().list().stream().map(User::getId).toList());
    if (members.isEmpty()) {
      throw new IllegalStateException("The group '" + group + "' has no members to vote.");
    }
    Vote vote = votes.save(new Vote((Integer) execution.getVariable("xepNumber"),
        (String) execution.getVariable("version"), "Board".equals(body) ? "Board" : "Council",
        (String) execution.getVariable("question"), members, ClockUtil.getCurrentTime().toInstant()));
    execution.setVariable("voteId", vote.getId());
    execution.setVariable("voters", members);
  }
}
