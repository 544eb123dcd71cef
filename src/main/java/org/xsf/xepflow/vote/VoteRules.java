package org.xsf.xepflow.vote;

import java.util.List;
import java.util.Map;

/**
 * The voting rules of XEP-0001 section 8: all members vote +1, 0 or -1; no advance while any -1
 * stands; a majority of the members must vote +1.
 */
public record VoteRules(List<String> members, Map<String, Integer> latestBallots) {

  /** Every member has voted and no -1 stands: nothing can change the result any more. */
  public boolean complete() {
    return latestBallots.keySet().containsAll(members) && !vetoed();
  }

  public boolean vetoed() {
    return members.stream().anyMatch(m -> Integer.valueOf(-1).equals(latestBallots.get(m)));
  }

  /** The outcome when the vote closes; members who did not vote count as {@code silentMember}. */
  public String outcome(int silentMember) {
    List<Integer> values = members.stream().map(m -> latestBallots.getOrDefault(m, silentMember)).toList();
    if (values.contains(-1)) {
      return "blocked";
    }
    long approvals = values.stream().filter(v -> v == 1).count();
    return approvals * 2 > members.size() ? "advance" : "noMajority";
  }
}
