package org.xsf.xepflow.startup;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A value made on a thread of its own from the moment it is started, so that the start-up of the
 * application goes on meanwhile (on these two-core machines the main thread leaves a core idle while
 * it creates the beans); {@link #get()} waits for it and throws what making it threw.
 */
public final class Background<T> {
  private final CompletableFuture<T> value = new CompletableFuture<>();

  private Background() {
  }

  public static <T> Background<T> start(String name, Callable<T> work) {
    Background<T> background = new Background<>();
    Thread thread = new Thread(() -> {
      try {
        background.value.complete(work.call());
      } catch (Throwable e) {
        background.value.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return background;
  }

  public T get() {
    try {
      return value.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
