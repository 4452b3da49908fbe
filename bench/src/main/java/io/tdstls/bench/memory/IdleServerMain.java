package io.tdstls.bench.memory;

import io.tdstls.bench.Quiet;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.TlsConfig;
import io.tdstls.server.TdsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server of the memory benchmark, run in a child JVM so that its resident memory is its own.
 * Arguments: a directory for the certificates, and the maximum connection count; optionally {@code
 * gateway <backend port> <backend CA file>} to run a gateway to a backend on 127.0.0.1 instead of
 * the endpoint (its front uses the generated certificate, its back trusts the CA file). Prints
 * {@code PORT <n>}, then answers {@code measure} on standard input with a {@link MemorySample}
 * line and stops on {@code quit} or at the end of input.
 */
public final class IdleServerMain {

  private IdleServerMain() {}

  /**
   * Runs the server.
   *
   * @param args the certificate directory and the maximum connection count
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    Quiet.logs();
    BenchPki pki = BenchPki.generate(Path.of(args[0]));
    if (args.length > 2 && args[2].equals("gateway")) {
      runGateway(pki, Integer.parseInt(args[1]), Integer.parseInt(args[3]), Path.of(args[4]));
      return;
    }
    try (TdsServer server = BenchServers.start(pki, TlsProvider.JDK, BenchServers.diagnosticSessions(),
            Integer.parseInt(args[1]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("PORT " + server.port());
      System.out.flush();
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("measure")) {
          System.out.println(sample(server.activeConnections()).toLine());
          System.out.flush();
        }
      }
    }
  }

  private static void runGateway(BenchPki pki, int maxConnections, int backendPort, Path backendCa) throws Exception {
    try (TdsGateway gateway = TdsGateway.start(GatewayConfig.builder()
            .frontTls(pki.serverTls(), TlsProvider.JDK)
            .maxConnections(maxConnections)
            .backend("127.0.0.1", backendPort)
            .backendTls(TlsConfig.builder().caFile(backendCa).mode(EncryptMode.MANDATORY).build())
            .audit(line -> { })
            .build());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("PORT " + gateway.port());
      System.out.flush();
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("measure")) {
          System.out.println(sample(gateway.activeConnections()).toLine());
          System.out.flush();
        }
      }
    }
  }

  private static MemorySample sample(int connections) throws IOException, InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new MemorySample(heap, rss(), connections);
  }

  private static long rss() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }
}
