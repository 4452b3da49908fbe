package io.tdstls.bench;

import io.tdstls.bench.connect.LoadRunner;
import java.time.Duration;

/**
 * How long and how much each scenario runs. Every loop of the suite is bounded by these counts
 * and durations.
 *
 * @param connections warm-up, timed phase and per-thread cap of the connection benchmarks
 * @param jdbcConnections the same for the JDBC comparison (the driver warms up more slowly)
 * @param threads the client threads of the multi-client runs (the number of cores)
 * @param transferBytes the size of each throughput transfer
 * @param transferRepeats how many times each transfer is timed (the median is reported)
 * @param idleConnections how many idle connections of each kind the memory benchmark opens
 * @param jmhQuick whether the JMH benchmarks run in-process for one short iteration (smoke test)
 */
public record BenchSettings(LoadRunner connections, LoadRunner jdbcConnections, int threads, long transferBytes,
    int transferRepeats, int idleConnections, boolean jmhQuick) {

  /** One gibibyte, the size of a full throughput transfer. */
  public static final long GIB = 1L << 30;

  /**
   * Returns the settings of a full run (a few minutes on a 2-core machine).
   *
   * @return the settings
   */
  public static BenchSettings full() {
    return new BenchSettings(
        new LoadRunner(Duration.ofSeconds(2), Duration.ofSeconds(3), 50_000),
        new LoadRunner(Duration.ofSeconds(4), Duration.ofSeconds(3), 50_000),
        Runtime.getRuntime().availableProcessors(), GIB, 3, 2000, false);
  }

  /**
   * Returns the settings of the smoke test: every scenario for a tiny count.
   *
   * @return the settings
   */
  public static BenchSettings smoke() {
    LoadRunner tiny = new LoadRunner(Duration.ZERO, Duration.ofSeconds(5), 3);
    return new BenchSettings(tiny, tiny, 2, 2L << 20, 1, 5, true);
  }
}
