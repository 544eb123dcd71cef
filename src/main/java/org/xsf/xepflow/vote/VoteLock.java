package org.xsf.xepflow.vote;

import java.util.Optional;

/**
 * A fragment of {@link VoteRepository}: the vote read with a lock by the entity manager itself,
 * without a query for Hibernate to translate on each ballot (see {@link BallotQueries}).
 */
public interface VoteLock {
  /** Ballots on one vote are cast one after the other, so the last voter sees every other ballot. */
  Optional<Vote> findLockedById(Long id);
}
