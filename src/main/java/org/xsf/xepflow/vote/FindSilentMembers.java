package org.xsf.xepflow.vote;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.identity.People;

/** "Find the members who have not voted", for the reminder before the voting period ends. */
@Component("findSilentMembers")
public class FindSilentMembers implements JavaDelegate {
  private static final Logger LOG = LoggerFactory.getLogger(FindSilentMembers.class);
  private final Votes votes;
  private final People people;

  public FindSilentMembers(Votes votes, People people) {
    this.votes = votes;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VoteRules rules = votes.rules((Long) execution.getVariable("voteId"));
    List<String> addresses = new ArrayList<>();
    for (String member : rules.members()) {
      if (!rules.latestBallots().containsKey(member)) {
        // one member without an address stopped the reminder to all the others
        people.address(member).ifPresentOrElse(addresses::add,
            () -> LOG.warn("Council member '{}' has no mail address (Admin): not reminded to vote on {}.", member,
                execution.getVariable("xepLabel")));
      }
    }
    execution.setVariable("silentMemberAddresses", String.join(",", addresses));
  }
}
