package org.xsf.xepflow.vote;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.People;

/** "Find the members who have not voted", for the reminder before the voting period ends. */
@Component("findSilentMembers")
public class FindSilentMembers implements JavaDelegate {
  private final Votes votes;
  private final People people;

  public FindSilentMembers(Votes votes, People people) {
    this.votes = votes;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VoteRules rules = votes.rules((Long) execution.getVariable("voteId"));
    execution.setVariable("silentMemberAddresses", rules.members().stream()
        .filter(m -> !rules.latestBallots().containsKey(m)).map(people::email)
        .collect(Collectors.joining(",")));
  }
}
