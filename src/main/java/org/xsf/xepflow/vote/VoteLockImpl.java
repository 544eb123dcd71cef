package org.xsf.xepflow.vote;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

class VoteLockImpl implements VoteLock {
  private final EntityManager entityManager;

  VoteLockImpl(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public Optional<Vote> findLockedById(Long id) {
    return Optional.ofNullable(entityManager.find(Vote.class, id, LockModeType.PESSIMISTIC_WRITE));
  }
}
