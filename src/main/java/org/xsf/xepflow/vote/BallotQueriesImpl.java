package org.xsf.xepflow.vote;

import jakarta.persistence.EntityManager;
import java.util.List;

class BallotQueriesImpl implements BallotQueries {
  private static final String BALLOTS = "select b from Ballot b where b.voteId = :voteId order by b.id";
  private final EntityManager entityManager;

  BallotQueriesImpl(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public List<Ballot> findByVoteIdOrderByIdAsc(Long voteId) {
    return entityManager.createQuery(BALLOTS, Ballot.class).setParameter("voteId", voteId).getResultList();
  }
}
