package io.tdstls.bench.throughput;

/**
 * One timed transfer.
 *
 * @param name what was measured
 * @param bytes the bytes received
 * @param seconds the time from request to the last byte
 * @param cpuSeconds the CPU time this process spent meanwhile, on all its threads (client, server,
 *     relay, GC), or a negative number if the JVM does not say
 */
public record TransferResult(String name, long bytes, double seconds, double cpuSeconds) {

  /**
   * Returns the rate in megabytes (10^6 bytes) per second.
   *
   * @return MB/s
   */
  public double megabytesPerSecond() {
    return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
  }

  /**
   * Returns the process's CPU time per byte transferred: the work of the transfer, which load from
   * other processes on a shared machine changes far less than its rate.
   *
   * @return nanoseconds of CPU per byte, negative if not known
   */
  public double cpuNanosPerByte() {
    return cpuSeconds < 0 || bytes <= 0 ? -1 : cpuSeconds * 1e9 / bytes;
  }
}
