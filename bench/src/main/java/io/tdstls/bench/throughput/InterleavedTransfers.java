package io.tdstls.bench.throughput;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Times several transfers in turns (round robin), so that a load change on a shared machine hits
 * every one alike and ratios between them stay comparable: each is first warmed up, untimed, with a
 * sixteenth of the size (the JIT), then timed a number of times; the median run counts. Each run
 * also records the CPU time of this whole process meanwhile.
 */
public final class InterleavedTransfers {

  private InterleavedTransfers() {}

  /**
   * Runs the transfers.
   *
   * @param transfers what to time
   * @param bytes the size of each timed transfer
   * @param repeats how many times each is timed
   * @param log where each median goes, one line per transfer
   * @return each transfer's median run, in the order given
   * @throws Exception if a transfer fails
   */
  public static List<TransferResult> medians(List<? extends Transfer> transfers, long bytes, int repeats,
      PrintStream log) throws Exception {
    for (Transfer t : transfers) {
      t.fetch(bytes / 16);
    }
    List<List<TransferResult>> runs = new ArrayList<>();
    for (int i = 0; i < transfers.size(); i++) {
      runs.add(new ArrayList<>());
    }
    for (int r = 0; r < repeats; r++) {
      for (int i = 0; i < transfers.size(); i++) {
        Transfer t = transfers.get(i);
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        long got = t.fetch(bytes);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = cpu < 0 ? -1 : (processCpuNanos() - cpu) / 1e9;
        runs.get(i).add(new TransferResult(t.name(), got, seconds, cpuSeconds));
      }
    }
    List<TransferResult> medians = new ArrayList<>();
    for (List<TransferResult> r : runs) {
      TransferResult m = median(r);
      log.printf("  %-45s %8.1f MB/s  (%d bytes in %.2f s, %.2f ns CPU per byte)%n", m.name(),
          m.megabytesPerSecond(), m.bytes(), m.seconds(), m.cpuNanosPerByte());
      medians.add(m);
    }
    return medians;
  }

  /** The CPU time of this process so far, all threads, or -1 if the JVM does not say. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
  }

  /** The run of median duration (the middle one for an odd count). */
  static TransferResult median(List<TransferResult> runs) {
    List<TransferResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(TransferResult::seconds));
    return sorted.get(sorted.size() / 2);
  }
}
