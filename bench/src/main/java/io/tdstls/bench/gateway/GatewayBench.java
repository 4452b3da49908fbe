package io.tdstls.bench.gateway;

import io.tdstls.bench.BenchSettings;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.bench.fixture.LargeResultHandler;
import io.tdstls.bench.memory.IdleRelayMemory;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.TlsVersion;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway against a direct connection to the same backend, in one run: round-trip latency of
 * {@code SELECT 1} on one connection (p50, p99), connection rate, throughput of a large result, and
 * heap per idle connection ({@link IdleRelayMemory}).
 * The client connects in mode mandatory both ways; the gateway's back side is mandatory too.
 */
public final class GatewayBench {

  private final BenchPki pki;
  private final BenchSettings settings;
  private final PrintStream log;
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /**
   * Creates the benchmark.
   *
   * @param pki the certificates
   * @param settings counts and sizes
   * @param log where progress goes
   */
  public GatewayBench(BenchPki pki, BenchSettings settings, PrintStream log) {
    this.pki = pki;
    this.settings = settings;
    this.log = log;
  }

  /**
   * Runs the scenarios.
   *
   * @throws Exception if a connection fails
   */
  public void run() throws Exception {
    try (TdsServer backend = BenchServers.start(pki, TlsProvider.JDK, BenchServers.largeResultSessions(), 2000);
        TdsGateway gateway = TdsGateway.start(GatewayConfig.builder()
            .frontTls(pki.serverTls(), TlsProvider.JDK)
            .backend("127.0.0.1", backend.port())
            .backendTls(pki.clientTls(TlsVersion.TLS_1_3).mode(EncryptMode.MANDATORY).build())
            .audit(line -> { })
            .build())) {
      int roundTrips = Math.max(20, Math.min(2000, settings.connections().maxCount()));
      int connections = Math.max(3, Math.min(200, settings.connections().maxCount() / 100));
      log.println("gateway: " + roundTrips + " round trips, " + connections + " connections, "
          + settings.transferBytes() / (1 << 20) + " MiB result, direct and through the gateway");
      double[] direct = latencies(client(backend.port()), roundTrips);
      double[] relayed = latencies(client(gateway.port()), roundTrips);
      double directRate = connectionRate(client(backend.port()), connections);
      double relayedRate = connectionRate(client(gateway.port()), connections);
      double directMbs = throughput(client(backend.port()));
      double relayedMbs = throughput(client(gateway.port()));
      Table t = new Table("7. Gateway against direct (mode mandatory, same backend)", "metric", "direct", "gateway",
          "gateway / direct");
      t.row("SELECT 1 p50 ms", fmt(direct[0]), fmt(relayed[0]), fmt(relayed[0] / direct[0]));
      t.row("SELECT 1 p99 ms", fmt(direct[1]), fmt(relayed[1]), fmt(relayed[1] / direct[1]));
      t.row("conn/s", fmt(directRate), fmt(relayedRate), fmt(relayedRate / directRate));
      t.row("MB/s", fmt(directMbs), fmt(relayedMbs), fmt(relayedMbs / directMbs));
      int idle = Math.max(20, Math.min(1000, settings.idleConnections() / 2));
      log.println("gateway: heap per idle connection, " + idle + " connections to the endpoint, then through the gateway,"
          + " each in a child JVM");
      IdleRelayMemory.Result heap = IdleRelayMemory.measure(backend.port(), pki.caPem(), idle, log);
      t.row("heap KiB per idle connection", fmt(heap.direct() / 1024), fmt(heap.relayed() / 1024),
          fmt(heap.relayed() / heap.direct()));
      t.note("Heap after GC per idle logged-in connection (full encryption, TLS 1.2, our client), measured as in section"
          + " 4 over " + idle + " connections: 'direct' in a child JVM running the endpoint, 'gateway' in a child JVM"
          + " running only the gateway (its front and its back connection; the backend runs in the parent).");
      tables.add(t);
      double ratio = relayedMbs / directMbs;
      targets.add(new Target("Gateway throughput >= 0.8 x direct", fmt(ratio), ratio >= 0.8, "0.8"));
    }
  }

  private ConnectionConfig client(int port) {
    return ConnectionConfig.builder().host("localhost").port(port).user(BenchServers.USER)
        .password(BenchServers.PASSWORD.toCharArray())
        .tls(pki.clientTls(TlsVersion.TLS_1_3).mode(EncryptMode.MANDATORY).build()).build();
  }

  /** Returns p50 and p99 in milliseconds. */
  private static double[] latencies(ConnectionConfig config, int count) throws Exception {
    double[] ms = new double[count];
    try (TdsSession s = TdsClient.connect(config)) {
      s.execute("SELECT 1");
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        s.execute("SELECT 1");
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    Arrays.sort(ms);
    return new double[] {ms[count / 2], ms[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)]};
  }

  private static double connectionRate(ConnectionConfig config, int count) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      try (TdsSession s = TdsClient.connect(config)) {
        s.report();
      }
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private double throughput(ConnectionConfig config) throws Exception {
    try (TdsSession s = TdsClient.connect(config)) {
      long start = System.nanoTime();
      long bytes = s.executeStreaming(LargeResultHandler.sql(LargeResultHandler.rowsFor(settings.transferBytes())),
          (payload, last) -> { });
      return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
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
   * Returns the targets checked.
   *
   * @return the targets
   */
  public List<Target> targets() {
    return List.copyOf(targets);
  }
}
