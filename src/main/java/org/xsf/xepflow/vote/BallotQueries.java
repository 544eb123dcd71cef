package org.xsf.xepflow.vote;

import java.util.List;

/**
 * A fragment of {@link BallotRepository}: a query string, which Hibernate translates to SQL once and
 * then takes from its plan cache. Hibernate 6.6 translates a derived query again on every call, a
 * third of the vote's own time in a lifecycle (the ballots are read after each one cast).
 */
public interface BallotQueries {
  /** A vote's ballots in the order they were cast. */
  List<Ballot> findByVoteIdOrderByIdAsc(Long voteId);
}
