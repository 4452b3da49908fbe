package io.tdstls.bench.throughput;

/**
 * One timed transfer.
 *
 * @param name what was measured
 * @param bytes the bytes received
 * @param seconds the time from request to the last byte
 */
public record TransferResult(String name, long bytes, double seconds) {

  /**
   * Returns the rate in megabytes (10^6 bytes) per second.
   *
   * @return MB/s
   */
  public double megabytesPerSecond() {
    return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
  }
}
