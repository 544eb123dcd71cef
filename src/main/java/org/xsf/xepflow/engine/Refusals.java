package org.xsf.xepflow.engine;

import java.util.Optional;
import org.xsf.xepflow.document.DocumentRejectedException;

/**
 * Input a step refused, found inside whatever the engine wrapped it in: a task listener's exception
 * reaches the caller inside the engine's own ("Exception while invoking TaskListener"), and
 * engine-rest wraps that again.
 */
public final class Refusals {
  private static final int DEPTH = 10;

  private Refusals() {
  }

  public static Optional<RuntimeException> in(Throwable failure) {
    Throwable cause = failure;
    for (int i = 0; cause != null && i < DEPTH; i++, cause = cause.getCause()) {
      if (cause instanceof InvalidInputException || cause instanceof DocumentRejectedException) {
        return Optional.of((RuntimeException) cause);
      }
    }
    return Optional.empty();
  }
}
