package org.xsf.xepflow.vote;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The state of a vote as the diagram needs it, read from the ballots on record:
 * {@code ${votes.complete(voteId)}}, {@code ${votes.latest(voteId, voter)}}.
 */
@Component("votes")
public class Votes {
  private final VoteRepository votes;
  private final BallotRepository ballots;

  public Votes(VoteRepository votes, BallotRepository ballots) {
    this.votes = votes;
    this.ballots = ballots;
  }

  public VoteRules rules(Long voteId) {
    Map<String, Integer> latest = new LinkedHashMap<>();
    ballots.findByVoteIdOrderByIdAsc(voteId).forEach(b -> latest.put(b.getMember(), b.getValue()));
    return new VoteRules(votes.findById(voteId).orElseThrow().voters(), latest);
  }

  public boolean complete(Long voteId) {
    return rules(voteId).complete();
  }

  /** The member's current vote as the form shows it ("+1", "0", "-1"), or null before voting. */
  public String latest(Long voteId, String member) {
    Integer value = rules(voteId).latestBallots().get(member);
    return value == null ? null : value == 1 ? "+1" : value.toString();
  }
}
