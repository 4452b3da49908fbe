package io.tdstls.bench.memory;

import io.tdstls.bench.BenchSettings;
import io.tdstls.bench.connect.LoginMode;
import io.tdstls.bench.connect.TdsConnectors;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.report.Format;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section 4: heap (after GC) and resident memory per idle encrypted connection on the server. The
 * server runs in a child JVM; this process opens {@link BenchSettings#idleConnections()} strict
 * connections, then as many full-encryption ones, logged in and idle, measuring after each batch.
 */
public final class MemoryBench {

  private final BenchSettings settings;
  private final PrintStream log;
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /**
   * Prepares the benchmark.
   *
   * @param settings the connection count
   * @param log where progress lines go
   */
  public MemoryBench(BenchSettings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  /**
   * Runs the benchmark.
   *
   * @throws Exception if the child server fails or a connection fails
   */
  public void run() throws Exception {
    int n = settings.idleConnections();
    log.println("[4] memory per idle encrypted connection: " + n + " strict + " + n + " full, server in a child JVM");
    Path dir = Files.createTempDirectory("tds-tls-bench-memory");
    List<TdsSession> open = new ArrayList<>();
    Table t = new Table("4. Server memory per idle encrypted connection (server in a child JVM, "
        + String.join(" ", ChildServer.JVM_OPTIONS) + ")",
        "connections", "added", "heap after GC MiB", "RSS MiB", "heap KiB / conn", "RSS KiB / conn");
    try (ChildServer child = ChildServer.start(dir, 2 * n + 100)) {
      MemorySample idle = child.measure();
      t.row(idle.connections(), "none", mib(idle.heapBytes()), mib(idle.rssBytes()), "-", "-");
      MemorySample strict = addAndMeasure(child, dir, LoginMode.STRICT_TLS_13, n, open);
      row(t, "strict TLS 1.3", n, idle, strict);
      MemorySample full = addAndMeasure(child, dir, LoginMode.FULL, n, open);
      row(t, "full (7.x, TLS 1.2)", n, strict, full);
      t.note("Each row adds " + n + " logged-in idle connections to those already open; per-connection figures are"
          + " the difference to the previous row divided by " + n + ".");
      double heapPerConn = Math.max(perConn(idle.heapBytes(), strict.heapBytes(), n),
          perConn(strict.heapBytes(), full.heapBytes(), n));
      targets.add(new Target("<= 16 KiB of heap per idle encrypted connection",
          String.format(Locale.ROOT, "%.1f KiB (worst of strict and full)", heapPerConn / 1024), heapPerConn <= 16 * 1024,
          "an idle connection holds its SSLEngine and TLS session (the JDK's TLS 1.3 session with its resumption"
              + " secrets is the largest part) and Netty's channel state; the core's staging, plaintext and output"
              + " buffers are per-thread scratch or released after the handshake, so they add nothing while idle."));
      tables.add(t);
    } finally {
      for (TdsSession s : open) {
        s.close();
      }
    }
  }

  private MemorySample addAndMeasure(ChildServer child, Path dir, LoginMode mode, int n, List<TdsSession> open)
      throws Exception {
    // the child generated the certificates; trust the CA it wrote
    TdsClient client = new TdsClient(TdsConnectors.config(dir.resolve(BenchPki.CA_FILE), child.port(), mode));
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      try {
        open.add(client.connect());
      } catch (TdsException e) {
        throw new IllegalStateException("connection " + (i + 1) + " of " + n + " (" + mode.label() + ") failed: "
            + e.getMessage() + "; file-descriptor limit: see ulimit -n", e);
      }
    }
    log.printf("  opened %d %s connections in %.1f s%n", n, mode.label(), (System.nanoTime() - start) / 1e9);
    MemorySample s = child.measure();
    if (s.connections() < open.size()) {
      throw new IllegalStateException("the server counts " + s.connections() + " connections, expected " + open.size());
    }
    return s;
  }

  private static void row(Table t, String label, int n, MemorySample before, MemorySample after) {
    t.row(after.connections(), n + " " + label, mib(after.heapBytes()), mib(after.rssBytes()),
        Format.kib(perConn(before.heapBytes(), after.heapBytes(), n)),
        Format.kib(perConn(before.rssBytes(), after.rssBytes(), n)));
  }

  private static double perConn(long before, long after, int n) {
    return (after - before) / (double) n;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024));
  }

  /**
   * Returns the result tables.
   *
   * @return the tables
   */
  public List<Table> tables() {
    return List.copyOf(tables);
  }

  /**
   * Returns where the memory target stands.
   *
   * @return the targets
   */
  public List<Target> targets() {
    return List.copyOf(targets);
  }
}
