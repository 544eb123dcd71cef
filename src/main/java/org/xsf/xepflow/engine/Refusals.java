package org.xsf.xepflow.engine;

import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.xsf.xepflow.document.DocumentRejectedException;

/**
 * Input a step refused, or a change that lost to one made at the same moment, found inside whatever
 * the engine wrapped it in: a task listener's exception reaches the caller inside the engine's own
 * ("Exception while invoking TaskListener"), and engine-rest wraps that again.
 */
public final class Refusals {
  private static final int DEPTH = 10;
  /** What a person is told when someone else changed the same thing first. */
  public static final String CONCURRENT = "Someone else changed the same step or XEP at the same moment, and their change"
      + " came first: nothing of this request was kept. Reload it to see where it stands now.";

  private Refusals() {
  }

  public static Optional<RuntimeException> in(Throwable failure) {
    return first(failure, cause -> cause instanceof InvalidInputException || cause instanceof DocumentRejectedException)
        .map(RuntimeException.class::cast);
  }

  /**
   * Whether the failure is the engine's optimistic lock: another transaction changed the same rows
   * first (two people completing one task at once, a double click), and this one rolled back.
   */
  public static boolean concurrent(Throwable failure) {
    return first(failure, OptimisticLockingException.class::isInstance).isPresent();
  }

  private static Optional<Throwable> first(Throwable failure, Predicate<Throwable> kind) {
    Throwable cause = failure;
    for (int i = 0; cause != null && i < DEPTH; i++, cause = cause.getCause()) {
      if (kind.test(cause)) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }
}
