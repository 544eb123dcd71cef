package org.xsf.xepflow.vote;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.transaction.TransactionScoped;

/**
 * The state of a vote as the diagram needs it, read from the ballots on record:
 * {@code ${votes.complete(voteId)}}.
 */
@Component("votes")
public class Votes {
  /** The ballots read in this transaction, by vote (a transaction started inside it reads for itself). */
  private final TransactionScoped<Map<Long, List<Ballot>>> read = new TransactionScoped<>(HashMap::new);
  private final VoteRepository votes;
  private final BallotRepository ballots;

  public Votes(VoteRepository votes, BallotRepository ballots) {
    this.votes = votes;
    this.ballots = ballots;
  }

  public VoteRules rules(Long voteId) {
    Map<String, Integer> latest = new LinkedHashMap<>();
    ballotsOf(voteId).forEach(b -> latest.put(b.getMember(), b.getValue()));
    return new VoteRules(votes.findById(voteId).orElseThrow().voters(), latest);
  }

  public boolean complete(Long voteId) {
    return rules(voteId).complete();
  }

  /** How the vote ended and how each member voted, in plain words for the forms and the author. */
  public String summary(Long voteId, String outcome) {
    Map<String, String> reasons = new LinkedHashMap<>();
    ballotsOf(voteId).forEach(b -> reasons.put(b.getMember(), b.getReasons()));
    VoteRules rules = rules(voteId);
    StringBuilder text = new StringBuilder(switch (outcome) {
      case "advance" -> "Passed: a majority voted +1 and no -1 stands.";
      case "blocked" -> "Blocked: a -1 stands; the author must address the concerns.";
      case "noMajority" -> "No majority: fewer than half of the members voted +1.";
      default -> outcome;
    });
    for (String member : rules.members()) {
      Integer value = rules.latestBallots().get(member);
      text.append('\n').append(member).append(": ")
          .append(value == null ? "did not vote" : Ballot.written(value));
      if (value != null && value == -1 && reasons.get(member) != null) {
        text.append(" (").append(reasons.get(member)).append(')');
      }
    }
    return text.toString();
  }

  /**
   * The vote's ballots, read once in a transaction: the diagram asks after each ballot, at a
   * gateway and in the completion condition.
   */
  private List<Ballot> ballotsOf(Long voteId) {
    Map<Long, List<Ballot>> read = this.read.current();
    return read == null ? ballots.findByVoteIdOrderByIdAsc(voteId) : read.computeIfAbsent(voteId, ballots::findByVoteIdOrderByIdAsc);
  }

  /**
   * Records a ballot (the caller holds the vote's lock): the one way ballots are written, so that
   * the ballots read in this transaction are read again.
   */
  void record(Ballot ballot) {
    ballots.save(ballot);
    Map<Long, List<Ballot>> read = this.read.current();
    if (read != null) {
      read.remove(ballot.getVoteId());
    }
  }
}
