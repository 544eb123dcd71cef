package org.xsf.xepflow.vote;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.People;
import org.xsf.xepflow.identity.XsfGroups;

/**
 * "Open the vote": the members of the approving body at this moment (the Council, or the Board for
 * Board-approved Procedural XEPs) each get a vote on this one revision.
 */
@Component("openVote")
public class OpenVote implements JavaDelegate {
  private final VoteRepository votes;
  private final People people;

  public OpenVote(VoteRepository votes, People people) {
    this.votes = votes;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String body = (String) execution.getVariable("approvingBody");
    String group = "Board".equals(body) ? XsfGroups.BOARD : XsfGroups.COUNCIL;
    List<String> members = people.membersOf(group);
    Vote vote = votes.save(new Vote((Integer) execution.getVariable("xepNumber"),
        (String) execution.getVariable("version"), "Board".equals(body) ? "Board" : "Council",
        (String) execution.getVariable("question"), members, ClockUtil.getCurrentTime().toInstant()));
    execution.setVariable("voteId", vote.getId());
    execution.setVariable("voters", members);
  }
}
