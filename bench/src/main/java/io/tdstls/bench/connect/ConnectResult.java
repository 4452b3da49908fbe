package io.tdstls.bench.connect;

import java.util.Arrays;

/**
 * The outcome of one connection benchmark.
 *
 * @param name what was measured
 * @param threads how many client threads connected at once
 * @param count how many connections were timed
 * @param seconds the wall-clock time of the timed phase
 * @param p50Nanos the median latency
 * @param p99Nanos the 99th percentile latency
 */
public record ConnectResult(String name, int threads, long count, double seconds, long p50Nanos, long p99Nanos) {

  /**
   * Returns connections per second.
   *
   * @return the rate, 0 if nothing was timed
   */
  public double perSecond() {
    return seconds <= 0 ? 0 : count / seconds;
  }

  /**
   * Builds a result from the latencies recorded.
   *
   * @param name what was measured
   * @param threads the client threads
   * @param latencies the latencies in nanoseconds (sorted in place)
   * @param seconds the wall-clock time of the timed phase
   * @return the result
   */
  public static ConnectResult of(String name, int threads, long[] latencies, double seconds) {
    Arrays.sort(latencies);
    return new ConnectResult(name, threads, latencies.length, seconds, percentile(latencies, 0.50),
        percentile(latencies, 0.99));
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
