package io.tdstls.bench.memory;

import io.tdstls.bench.connect.LoginMode;
import io.tdstls.bench.connect.TdsConnectors;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap (after GC) per idle logged-in connection, measured as section 4 measures it (the measured
 * process is a child JVM; this process opens the connections and keeps them idle): once for the
 * endpoint itself, once for a gateway relaying to a backend that runs in this process, so that the
 * gateway's figure holds its front and back connection and nothing of the backend's.
 */
public final class IdleRelayMemory {

  /**
   * Bytes of heap per idle connection, direct to the endpoint and through the gateway.
   *
   * @param direct per connection on the endpoint
   * @param relayed per relayed connection on the gateway (front and back)
   * @param connections how many idle connections each figure is averaged over
   */
  public record Result(double direct, double relayed, int connections) {}

  private IdleRelayMemory() {}

  /**
   * Measures.
   *
   * @param backendPort the backend, in this process, for the gateway to relay to
   * @param backendCa the CA file that signs the backend's certificate
   * @param n the number of idle connections
   * @param log progress
   * @return the figures
   * @throws Exception if a child or a connection fails
   */
  public static Result measure(int backendPort, Path backendCa, int n, PrintStream log) throws Exception {
    double direct;
    try (ChildServer child = ChildServer.start(Files.createTempDirectory("tds-tls-bench-idle"), n + 100)) {
      direct = perConnection(child, n, "endpoint", log);
    }
    double relayed;
    try (ChildServer child = ChildServer.startGateway(Files.createTempDirectory("tds-tls-bench-idle-gw"), n + 100,
        backendPort, backendCa)) {
      relayed = perConnection(child, n, "gateway", log);
    }
    return new Result(direct, relayed, n);
  }

  private static double perConnection(ChildServer child, int n, String what, PrintStream log) throws Exception {
    Path ca = child.certificateDir().resolve(BenchPki.CA_FILE);
    TdsClient client = new TdsClient(TdsConnectors.config(ca, child.port(), LoginMode.FULL));
    List<TdsSession> open = new ArrayList<>();
    try {
      MemorySample before = child.measure();
      for (int i = 0; i < n; i++) {
        try {
          open.add(client.connect());
        } catch (TdsException e) {
          throw new IllegalStateException("idle connection " + (i + 1) + " of " + n + " to the " + what + " failed: "
              + e.getMessage() + "; file-descriptor limit: see ulimit -n", e);
        }
      }
      MemorySample after = child.measure();
      if (after.connections() < n) {
        throw new IllegalStateException("the " + what + " counts " + after.connections() + " connections, expected " + n);
      }
      log.printf("  %s: %d idle connections, heap %.1f -> %.1f MiB%n", what, n, before.heapBytes() / 1048576.0,
          after.heapBytes() / 1048576.0);
      return (after.heapBytes() - before.heapBytes()) / (double) n;
    } finally {
      for (TdsSession s : open) {
        s.close();
      }
    }
  }
}
