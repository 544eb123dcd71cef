package org.xsf.xepflow.vote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * "Count the votes" when the vote closes: advance, blocked (a -1 stands) or noMajority. What a
 * member who did not vote counts as is Council policy: the field {@code silentMemberVote} in the
 * diagram.
 */
@Component("tallyVotes")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class TallyVotes implements JavaDelegate {
  private final Votes votes;
  private final VoteRepository voteRecords;
  private Expression silentMemberVote;

  public TallyVotes(Votes votes, VoteRepository voteRecords) {
    this.votes = votes;
    this.voteRecords = voteRecords;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long voteId = (Long) execution.getVariable("voteId");
    String outcome = votes.rules(voteId)
        .outcome(Integer.parseInt(String.valueOf(silentMemberVote.getValue(execution)).replace("+", "")));
    close(voteId, outcome);
    execution.setVariable("voteOutcome", outcome);
    execution.setVariable("voteSummary", votes.summary(voteId, outcome));
  }

  private void close(Long voteId, String outcome) {
    voteRecords.findById(voteId).orElseThrow().close(outcome, ClockUtil.getCurrentTime().toInstant());
  }

  public void setSilentMemberVote(Expression silentMemberVote) {
    this.silentMemberVote = silentMemberVote;
  }
}
