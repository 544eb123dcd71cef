package org.xsf.xepflow.registry;

/** A fragment of {@link XepVersionRepository}: a change withdrawn only if it is still pending. */
public interface PendingWithdrawal {
  /**
   * Withdraws the change if it is still pending as the database has it when the row is written: an
   * approval or a withdrawal that another node committed since the change was read is kept.
   *
   * @return whether it was withdrawn
   */
  boolean withdrawIfPending(Long id);
}
