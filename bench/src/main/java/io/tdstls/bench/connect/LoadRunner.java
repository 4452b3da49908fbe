package io.tdstls.bench.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link Connector} from several threads: a warm-up, then a timed phase. Both phases are
 * bounded in time and in count, so a slow scenario cannot hold up the suite.
 *
 * @param warmup how long to warm up
 * @param measure how long to measure at most
 * @param maxCount how many connections each thread times at most
 */
public record LoadRunner(Duration warmup, Duration measure, int maxCount) {

  /**
   * Measures a scenario.
   *
   * @param name what is measured
   * @param threads how many threads connect at once
   * @param connector opens and closes one connection
   * @return rate and latencies
   * @throws Exception if a connection fails
   */
  public ConnectResult run(String name, int threads, Connector connector) throws Exception {
    phase(threads, connector, warmup, maxCount);
    long start = System.nanoTime();
    List<long[]> perThread = phase(threads, connector, measure, maxCount);
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = 0;
    for (long[] l : perThread) {
      total += l.length;
    }
    long[] all = new long[total];
    int at = 0;
    for (long[] l : perThread) {
      System.arraycopy(l, 0, all, at, l.length);
      at += l.length;
    }
    return ConnectResult.of(name, threads, all, seconds);
  }

  private static List<long[]> phase(int threads, Connector connector, Duration length, int maxCount)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long end = System.nanoTime() + length.toNanos();
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> loop(connector, end, maxCount)));
      }
      List<long[]> out = new ArrayList<>();
      for (Future<long[]> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] loop(Connector connector, long end, int maxCount) throws Exception {
    long[] latencies = new long[maxCount];
    int n = 0;
    while (n < maxCount && System.nanoTime() < end) {
      long t0 = System.nanoTime();
      connector.connectOnce();
      latencies[n++] = System.nanoTime() - t0;
    }
    return java.util.Arrays.copyOf(latencies, n);
  }
}
