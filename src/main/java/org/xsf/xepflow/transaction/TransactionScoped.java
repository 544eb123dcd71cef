package org.xsf.xepflow.transaction;

import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current Spring transaction: made at its first use, told when
 * the transaction commits or ends, and hidden while a transaction started inside it runs
 * (REQUIRES_NEW), which gets a value of its own. Spring unbinds only its own resources when it
 * suspends a transaction; a resource bound by hand would otherwise be shared with the inner one.
 */
public final class TransactionScoped<T> {
  private final Supplier<T> initial;
  private final Function<T, TransactionSynchronization> callbacks;

  /** @param callbacks made for each transaction's value and registered with that transaction, after its binding */
  public TransactionScoped(Supplier<T> initial, Function<T, TransactionSynchronization> callbacks) {
    this.initial = initial;
    this.callbacks = callbacks;
  }

  public TransactionScoped(Supplier<T> initial) {
    this(initial, value -> new TransactionSynchronization() {
    });
  }

  /** The current transaction's value, or null when no transaction synchronization is active. */
  @SuppressWarnings("unchecked")
  public T current() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    T value = (T) TransactionSynchronizationManager.getResource(this);
    if (value == null) {
      value = initial.get();
      bind(value);
    }
    return value;
  }

  private void bind(T value) {
    TransactionSynchronizationManager.bindResource(this, value);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void suspend() {
        TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScoped.this);
      }

      @Override
      public void resume() {
        TransactionSynchronizationManager.bindResource(TransactionScoped.this, value);
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScoped.this);
      }
    });
    TransactionSynchronizationManager.registerSynchronization(callbacks.apply(value));
  }
}
