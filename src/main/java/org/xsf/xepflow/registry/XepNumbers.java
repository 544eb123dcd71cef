package org.xsf.xepflow.registry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The next XEP number. ProtoXEPs whose objection windows end together (timers due after a stop, two
 * nodes) were each given the highest number plus one: all but one failed on the same number, and
 * their retries, at once, failed again. Each acceptance now locks one row until its transaction
 * ends, then reads the highest number committed.
 */
@Component
public class XepNumbers {
  @PersistenceContext
  private EntityManager entityManager;
  private final XepRepository xeps;
  private final TransactionTemplate ownTransaction;

  public XepNumbers(XepRepository xeps, PlatformTransactionManager transactions) {
    this.xeps = xeps;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** To be called in the transaction that stores the XEP: the number is this transaction's until it ends. */
  public int next() {
    lock();
    return xeps.findFirstByOrderByNumberDesc().map(Xep::getNumber).orElse(0) + 1;
  }

  /** Holds the numbering until this transaction ends, as a XEP stored under a number of its own must. */
  public void lock() {
    if (entityManager.find(XepNumbering.class, XepNumbering.ROW, LockModeType.PESSIMISTIC_WRITE) == null) {
      try {
        ownTransaction.executeWithoutResult(status -> entityManager.persist(new XepNumbering(XepNumbering.ROW)));
      } catch (DataIntegrityViolationException createdMeanwhile) {
        // by another acceptance, the first on this database
      }
      entityManager.find(XepNumbering.class, XepNumbering.ROW, LockModeType.PESSIMISTIC_WRITE);
    }
  }
}
