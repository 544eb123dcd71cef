package org.xsf.xepflow.registry;

import jakarta.persistence.EntityManager;

/** The condition in the update itself, which waits for a change of the row in progress and then sees it. */
class PendingWithdrawalImpl implements PendingWithdrawal {
  private static final String WITHDRAW_IF_PENDING = "update XepVersion v set v.withdrawn = true"
      + " where v.id = :id and v.provisional = true and v.withdrawn = false";
  private final EntityManager entityManager;

  PendingWithdrawalImpl(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public boolean withdrawIfPending(Long id) {
    return entityManager.createQuery(WITHDRAW_IF_PENDING).setParameter("id", id).executeUpdate() == 1;
  }
}
