package io.tdstls.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes TDS endpoints without logging in: several targets in parallel (a bounded pool), each
 * with its own connections, every connection bounded by {@link ProbeOptions#timeout()}.
 *
 * <pre>{@code
 * Prober prober = new Prober(ProbeOptions.defaults());
 * List<ProbeReport> reports = prober.probeAll(List.of(Target.parse("db1"), Target.parse("[::1]:1433")),
 *     ProgressListener.NONE);
 * int exit = ProbeReport.exitCode(reports);
 * }</pre>
 */
public final class Prober {

  private final ProbeOptions options;

  /**
   * Creates a prober.
   *
   * @param options timeout, parallelism, extra trust anchors and clock
   */
  public Prober(ProbeOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Probes one target.
   *
   * @param target the endpoint
   * @return its report; an unreachable or silent endpoint gives a report too, never an exception
   */
  public ProbeReport probe(Target target) {
    return new TargetProbe(Objects.requireNonNull(target, "target"), options).run();
  }

  /**
   * Probes several targets in parallel, at most {@link ProbeOptions#parallelism()} at a time.
   *
   * @param targets the endpoints
   * @param progress told when each target starts and ends (from the probing threads)
   * @return the reports, in the order of {@code targets}
   * @throws InterruptedException if interrupted while waiting; the probes in flight are cancelled
   */
  public List<ProbeReport> probeAll(List<Target> targets, ProgressListener progress) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(), targets.size())),
        r -> {
          Thread t = new Thread(r, "tds-tls-probe");
          t.setDaemon(true);
          return t;
        });
    try {
      AtomicInteger done = new AtomicInteger();
      List<Future<ProbeReport>> futures = new ArrayList<>();
      for (Target t : targets) {
        futures.add(pool.submit(() -> {
          progress.started(t);
          ProbeReport report = probe(t);
          progress.finished(report, done.incrementAndGet(), targets.size());
          return report;
        }));
      }
      List<ProbeReport> reports = new ArrayList<>();
      for (Future<ProbeReport> f : futures) {
        reports.add(get(f));
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }

  private static ProbeReport get(Future<ProbeReport> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a probe failed unexpectedly", e.getCause());
    }
  }
}
