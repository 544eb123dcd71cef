package org.xsf.xepflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CPU time used by this JVM, by another process and by the whole machine (Linux's /proc), to tell the
 * app's share of a run from the database's: a wall-clock figure on two shared cores mixes both.
 */
record CpuTime(double jvmMillis, double machineMillis) {
  /** /proc counts CPU time in clock ticks, 100 a second on Linux (USER_HZ). */
  private static final double MILLIS_PER_TICK = 10.0;

  static CpuTime now() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new CpuTime(os.getProcessCpuTime() / 1e6, readMachineMillis());
  }

  CpuTime minus(CpuTime earlier) {
    return new CpuTime(jvmMillis - earlier.jvmMillis, machineMillis - earlier.machineMillis);
  }

  CpuTime plus(CpuTime more) {
    return new CpuTime(jvmMillis + more.jvmMillis, machineMillis + more.machineMillis);
  }

  /**
   * Waits until the machine has been quiet (under a tenth of a core busy) for a second, or for at
   * most {@code maxSeconds}: latencies are measured once the app's start-up work in the background
   * (the site index of 100,000 XEPs, the JIT compiling what the warm-up ran) is done.
   */
  static void awaitQuiet(int maxSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
    int quietWindows = 0;
    while (quietWindows < 2 && System.nanoTime() < deadline) {
      CpuTime start = now();
      Thread.sleep(500);
      CpuTime used = now().minus(start);
      double busy = Double.isNaN(used.machineMillis) ? used.jvmMillis : used.machineMillis;
      quietWindows = busy < 50 ? quietWindows + 1 : 0;
    }
    if (quietWindows < 2) {
      System.out.println("The machine was still busy after " + maxSeconds + " s; measuring anyway.");
    }
  }

  /** CPU time (user and system, all threads) another process has used so far, from /proc/{pid}/stat. */
  static double ofProcess(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // the fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
  }

  /** The machine's CPU time outside this JVM: NaN where /proc/stat cannot be read. */
  double restOfMachineMillis() {
    return machineMillis - jvmMillis;
  }

  /** user, nice, system, irq and softirq of all CPUs (not idle, iowait or steal). */
  private static double readMachineMillis() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long ticks = Arrays.stream(new int[] {1, 2, 3, 6, 7}).mapToLong(i -> Long.parseLong(cpu[i])).sum();
      return ticks * MILLIS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
