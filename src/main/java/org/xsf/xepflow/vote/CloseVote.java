package org.xsf.xepflow.vote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Close the vote without a result": the Council's term ended or a new revision was published;
 * the diagram sets {@code voteOutcome} on the way here.
 */
@Component("closeVote")
public class CloseVote implements JavaDelegate {
  private final VoteRepository votes;

  public CloseVote(VoteRepository votes) {
    this.votes = votes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    votes.findById((Long) execution.getVariable("voteId")).orElseThrow()
        .close((String) execution.getVariable("voteOutcome"), ClockUtil.getCurrentTime().toInstant());
  }

  /**
   * The vote's end listener: a vote whose process was cancelled from outside (the change it decided
   * ended with its XEP's Draft state) is closed as "cancelled" rather than left open for good.
   */
  public void whenCancelled(DelegateExecution execution) {
    if (execution.isCanceled() && execution.getVariable("voteId") instanceof Long voteId) {
      votes.findById(voteId).filter(vote -> vote.getClosedAt() == null)
          .ifPresent(vote -> vote.close("cancelled", ClockUtil.getCurrentTime().toInstant()));
    }
  }
}
