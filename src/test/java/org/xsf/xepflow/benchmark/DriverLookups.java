package org.xsf.xepflow.benchmark;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariableCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Tells the statements of a driver's lookups (the tasks, jobs and called processes it looks for
 * before each step) from the engine's work on its steps: a query the driver sends is a lookup, a
 * query a delegate sends inside a step is work. A variable the driver reads (whether a submission
 * went to the Board or to the Council, which a person would see in Tasklist) is a lookup too. Ours'
 * driver looks up more than the baseline's (it finds the processes a lifecycle called), which is the
 * driver's cost, not the procedure's.
 */
final class DriverLookups extends AbstractProcessEnginePlugin {
  private static final ThreadLocal<Boolean> LOOKING_UP = ThreadLocal.withInitial(() -> false);
  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);
  private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

  /** Whether this thread's statements are now a driver's lookup. */
  static boolean active() {
    return LOOKING_UP.get();
  }

  /** The time this thread spent in lookups so far. */
  static long nanos() {
    return NANOS.get()[0];
  }

  /** A driver's lookup outside the engine (the registry's entry of an XEP). */
  static <T> T lookup(Supplier<T> read) {
    if (LOOKING_UP.get()) {
      return read.get();
    }
    LOOKING_UP.set(true);
    long start = System.nanoTime();
    try {
      return read.get();
    } finally {
      NANOS.get()[0] += System.nanoTime() - start;
      LOOKING_UP.set(false);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // first in the chain: around the transaction, so that what runs as it commits belongs to the command too
    List<CommandInterceptor> others = configuration.getCustomPreCommandInterceptorsTxRequired();
    configuration.setCustomPreCommandInterceptorsTxRequired(
        Stream.concat(Stream.of(new Interceptor()), others == null ? Stream.empty() : others.stream()).toList());
  }

  private static final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      int depth = DEPTH.get();
      DEPTH.set(depth + 1);
      try {
        // only the outermost command is the driver's: a query nested in a step is the step's work
        boolean read = command instanceof AbstractQuery<?, ?> || command instanceof GetExecutionVariableCmd;
        return depth == 0 && read ? lookup(() -> next.execute(command)) : next.execute(command);
      } finally {
        DEPTH.set(depth);
      }
    }
  }
}
