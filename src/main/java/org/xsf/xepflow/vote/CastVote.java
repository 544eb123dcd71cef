package org.xsf.xepflow.vote;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;

/** Records a member's vote as a new ballot: +1, 0, or -1 with written reasons. */
@Component("castVote")
public class CastVote implements TaskListener {
  private final VoteRepository votes;
  private final Votes state;

  public CastVote(VoteRepository votes, Votes state) {
    this.votes = votes;
    this.state = state;
  }

  @Override
  public void notify(DelegateTask task) {
    int value = switch (String.valueOf(task.getVariable("ballot")).trim()) {
      case "+1", "1" -> 1;
      case "0" -> 0;
      case "-1" -> -1;
      default -> throw new InvalidInputException("A vote is +1, 0 or -1, not '" + task.getVariable("ballot") + "'.");
    };
    String reasons = (String) task.getVariable("ballotReasons");
    if (value == -1 && (reasons == null || reasons.isBlank())) {
      throw new InvalidInputException("A -1 needs written reasons: the concerns the author must address.");
    }
    InvalidInputException.atMost("The reasons for the vote", reasons == null ? null : reasons.trim(), Ballot.REASONS);
    Long voteId = (Long) task.getVariable("voteId");
    // Without the lock, two members voting last at the same moment would each miss the other's
    // ballot and neither would see the vote complete.
    votes.findLockedById(voteId).orElseThrow();
    state.record(new Ballot(voteId, task.getAssignee(), value,
        reasons == null || reasons.isBlank() ? null : reasons.trim(), ClockUtil.getCurrentTime().toInstant()));
    // The ballot stays in the member's scope of the vote, where "Change your vote" shows it as the
    // form offers it; the reasons were for that ballot and are not offered again.
    task.setVariable("ballot", Ballot.written(value));
    task.setVariable("ballotReasons", null);
  }
}
