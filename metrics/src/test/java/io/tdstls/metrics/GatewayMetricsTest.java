package io.tdstls.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.gateway.DrainResult;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway (front strict TLS 1.3, back TDS 7.x TLS 1.2 to the project's endpoint) with its
 * metrics scraped over HTTP while connections are relayed, refused on the front, and fail on the
 * back; then a graceful drain with {@code /health} saying 503.
 */
class GatewayMetricsTest {

  private static final String USER = "app";
  private static final String PASSWORD = "gw-metrics-pw";
  private static final char[] P12_PASSWORD = "p12".toCharArray();
  private static final String DEFAULT = "listener=\"gw\",route=\"default\"";

  private final HeldCertificate ca = HeldCertificate.builder().commonName("gateway metrics CA").certificateAuthority(0).build();
  private final HeldCertificate server = serverCert(Instant.now().plus(30, ChronoUnit.DAYS));
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  private HeldCertificate serverCert(Instant notAfter) {
    return HeldCertificate.builder().commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
        .validity(Instant.now().minus(1, ChronoUnit.HOURS), notAfter.truncatedTo(ChronoUnit.SECONDS))
        .serverAuth().signedBy(ca).build();
  }

  /** The project's endpoint as a TDS 7.x-only backend: forced encryption, strict disabled, TLS 1.2 at most. */
  private TdsServer backend() throws InterruptedException {
    return TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(server.certifiedKey())
            .maxProtocolVersion(TlsVersion.TLS_1_2).build()))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), StrictPolicy.DISABLED,
            "backend"))
        .build());
  }

  private GatewayConfig.Builder gateway(int backendPort, GatewayMetrics metrics) throws Exception {
    return GatewayConfig.builder()
        .frontTls(ServerTlsConfig.builder().certifiedKey(server.certifiedKey()).build(), TlsProvider.JDK)
        .backend("127.0.0.1", backendPort)
        .backendTls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(caFile()).build())
        .audit(line -> { })
        .events(metrics);
  }

  private Path caFile() throws Exception {
    Path f = dir.resolve("ca.pem");
    if (!Files.exists(f)) {
      Files.writeString(f, ca.certificatePem());
    }
    return f;
  }

  private ConnectionConfig client(int port, EncryptMode mode) throws Exception {
    return ConnectionConfig.builder().host("localhost").port(port).user(USER).password(PASSWORD.toCharArray())
        .tls(TlsConfig.builder().mode(mode).caFile(caFile()).build()).build();
  }

  @Test
  void countersMoveAsSessionsAreRelayedAndRefusedOnTheFront() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, "gw");
    Path p12 = dir.resolve("front.p12");
    writePkcs12(server, p12);
    try (TdsServer backend = backend();
        TdsGateway gateway = TdsGateway.start(gateway(backend.port(), metrics)
            .frontTls(ServerTlsConfig.builder().pkcs12(p12, P12_PASSWORD).build(), TlsProvider.JDK)
            .reloadCheckInterval(Duration.ofMillis(100)).build());
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1:0", registry, gateway::accepting)) {
      metrics.certificateExpiry(() -> gateway.frontCertificate().orElse(null));
      String base = "http://127.0.0.1:" + endpoint.port();
      assertThat(get(base + "/health")).isEqualTo("200 ok\n");
      assertThat(value(scrape(base), "tdstls_certificate_expiry_seconds{listener=\"gw\"}"))
          .isEqualTo(server.certificate().getNotAfter().getTime() / 1000.0);

      try (TdsSession session = TdsClient.connect(client(gateway.port(), EncryptMode.STRICT))) {
        String s = scrape(base);
        assertThat(value(s, "tdstls_gateway_connections_total{" + DEFAULT + "}")).isEqualTo(1);
        assertThat(value(s, "tdstls_gateway_connections_open{" + DEFAULT + "}")).isEqualTo(1);
        assertThat(value(s, "tdstls_gateway_handshakes_total{listener=\"gw\",outcome=\"strict\",side=\"front\","
            + "tls_version=\"TLSv1.3\"}")).as(s).isEqualTo(1);
        assertThat(value(s, "tdstls_gateway_handshakes_total{listener=\"gw\",outcome=\"full\",side=\"back\","
            + "tls_version=\"TLSv1.2\"}")).as(s).isEqualTo(1);
        assertThat(value(s, "tdstls_gateway_login_seconds_count{listener=\"gw\",result=\"accepted\",route=\"default\"}"))
            .isEqualTo(1);
        assertThat(value(s, "tdstls_gateway_login_seconds_sum{listener=\"gw\",result=\"accepted\",route=\"default\"}"))
            .isPositive();
        assertThat(value(s, "tdstls_gateway_backend_connect_seconds_count{" + DEFAULT + "}")).isEqualTo(1);
        assertThat(value(s, "tdstls_gateway_backend_up{" + DEFAULT + "}")).isEqualTo(1);
        assertThat(value(s, "tdstls_connections_open{listener=\"gw\"}")).as("the front listener's own meters").isEqualTo(1);
        double toBackend = value(s, "tdstls_gateway_relayed_bytes_total{direction=\"client_to_backend\"," + DEFAULT + "}");
        double toClient = value(s, "tdstls_gateway_relayed_bytes_total{direction=\"backend_to_client\"," + DEFAULT + "}");
        assertThat(toClient).as("the login answer was relayed").isPositive();

        assertThat(session.execute("SELECT * FROM tdstls.negotiation").firstTable().rows()).isNotEmpty();
        s = awaitMetric(base, "tdstls_gateway_relayed_bytes_total{direction=\"backend_to_client\"," + DEFAULT + "}",
            v -> v > toClient + 100);
        assertThat(value(s, "tdstls_gateway_relayed_bytes_total{direction=\"client_to_backend\"," + DEFAULT + "}"))
            .as("the SQL batch went to the backend").isGreaterThan(toBackend + 20);
      }
      awaitMetric(base, "tdstls_gateway_connections_open{" + DEFAULT + "}", v -> v == 0);

      // A client without encryption, refused by the front's forced policy: side front, kind policy.
      assertThatThrownBy(() -> TdsClient.connect(client(gateway.port(), EncryptMode.OFF))).isInstanceOf(TdsException.class);
      String s = awaitMetric(base, "tdstls_gateway_failures_total{kind=\"policy\",listener=\"gw\",side=\"front\"}",
          v -> v == 1);
      assertThat(value(s, "tdstls_gateway_handshakes_total{listener=\"gw\",outcome=\"failed\",side=\"front\","
          + "tls_version=\"none\"}")).isEqualTo(1);
      assertThat(value(s, "tdstls_gateway_connections_total{" + DEFAULT + "}"))
          .as("a client refused before LOGIN7 is no relayed session").isEqualTo(1);
      assertThat(sum(s, "tdstls_gateway_failures_total{kind=\"", "side=\"back\"}")).as("no back failure in\n" + s).isZero();

      // The front certificate replaced on disk: the expiry gauge follows the hot reload.
      HeldCertificate renewed = serverCert(Instant.now().plus(90, ChronoUnit.DAYS));
      writePkcs12(renewed, p12);
      awaitMetric(base, "tdstls_certificate_expiry_seconds{listener=\"gw\"}",
          v -> v == renewed.certificate().getNotAfter().getTime() / 1000.0);
    }
  }

  @Test
  void anUnreachableBackendCountsAsABackFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, "gw");
    try (TdsGateway gateway = TdsGateway.start(gateway(closedPort, metrics).build());
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1:0", registry, gateway::accepting)) {
      String base = "http://127.0.0.1:" + endpoint.port();
      assertThatThrownBy(() -> TdsClient.connect(client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("refused the TCP connection");
      String s = awaitMetric(base, "tdstls_gateway_failures_total{kind=\"refused\",listener=\"gw\",side=\"back\"}",
          v -> v == 1);
      assertThat(value(s, "tdstls_gateway_backend_up{" + DEFAULT + "}")).as(s).isZero();
      assertThat(value(s, "tdstls_gateway_connections_total{" + DEFAULT + "}")).isEqualTo(1);
      assertThat(value(s, "tdstls_gateway_backend_connect_seconds_count{" + DEFAULT + "}")).isZero();
      assertThat(sum(s, "tdstls_gateway_handshakes_total{listener=\"gw\",outcome=\"", "side=\"back\""))
          .as("no TCP connection means no back handshake, in\n" + s).isZero();
      assertThat(sum(s, "tdstls_gateway_failures_total{kind=\"", "side=\"front\"}")).as("no front failure").isZero();
      awaitMetric(base, "tdstls_gateway_connections_open{" + DEFAULT + "}", v -> v == 0);
      assertThat(get(base + "/health")).as("health does not follow the backend (see the README)").isEqualTo("200 ok\n");
    }
  }

  @Test
  void anUntrustedBackendCertificateCountsAsAFailedBackHandshake() throws Exception {
    HeldCertificate otherCa = HeldCertificate.builder().commonName("someone else's CA").certificateAuthority(0).build();
    Path otherCaFile = Files.writeString(dir.resolve("other-ca.pem"), otherCa.certificatePem());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, "gw");
    try (TdsServer backend = backend();
        TdsGateway gateway = TdsGateway.start(gateway(backend.port(), metrics)
            .backendTls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(otherCaFile).build()).build());
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1:0", registry, gateway::accepting)) {
      String base = "http://127.0.0.1:" + endpoint.port();
      assertThatThrownBy(() -> TdsClient.connect(client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway");
      String s = awaitMetric(base, "tdstls_gateway_failures_total{kind=\"tls\",listener=\"gw\",side=\"back\"}",
          v -> v == 1);
      assertThat(value(s, "tdstls_gateway_handshakes_total{listener=\"gw\",outcome=\"failed\",side=\"back\","
          + "tls_version=\"none\"}")).as(s).isEqualTo(1);
      assertThat(value(s, "tdstls_gateway_backend_up{" + DEFAULT + "}")).isZero();
      assertThat(value(s, "tdstls_gateway_handshakes_total{listener=\"gw\",outcome=\"strict\",side=\"front\","
          + "tls_version=\"TLSv1.3\"}")).as("the front side did its part").isEqualTo(1);
    }
  }

  @Test
  void drainRefusesNewConnectionsLetsTheOpenSessionFinishAndSays503() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, "gw");
    try (TdsServer backend = backend();
        TdsGateway gateway = TdsGateway.start(gateway(backend.port(), metrics).build());
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1:0", registry, gateway::accepting)) {
      String base = "http://127.0.0.1:" + endpoint.port();
      int port = gateway.port();
      TdsSession open = TdsClient.connect(client(port, EncryptMode.STRICT));
      CompletableFuture<DrainResult> drained = CompletableFuture.supplyAsync(() -> {
        try {
          return gateway.drain(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      for (int i = 0; i < 200 && gateway.accepting(); i++) {
        Thread.sleep(10);
      }
      assertThat(get(base + "/health")).isEqualTo("503 draining\n");
      awaitRefused(port);
      assertThat(open.execute("SELECT 1").firstTable().rows()).as("the open session still works").hasSize(1);
      assertThat(drained).as("the drain waits for the open session").isNotDone();
      open.close();
      DrainResult result = drained.get(20, TimeUnit.SECONDS);
      assertThat(result.closed()).as("sessions closed at the timeout").isZero();
      assertThat(result.finished()).as("sessions that finished").isPositive();
    }
  }

  /** A new TCP connection is refused once the gateway stopped listening (asked until it is, bounded). */
  private static void awaitRefused(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        Thread.sleep(20);
      } catch (ConnectException refused) {
        return;
      }
    }
    throw new AssertionError("the gateway still accepts connections on port " + port + " while draining");
  }

  private static void writePkcs12(HeldCertificate cert, Path target) throws Exception {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    cert.writePkcs12(tmp, P12_PASSWORD);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  private String scrape(String base) throws Exception {
    String r = get(base + "/metrics");
    assertThat(r).startsWith("200 ");
    return r.substring(4);
  }

  /** Events arrive on the event loops after the client sees the answer: scrape until they show, bounded. */
  private String awaitMetric(String base, String series, DoublePredicate done) throws Exception {
    String s = scrape(base);
    for (int i = 0; i < 200 && !done.test(value(s, series)); i++) {
      Thread.sleep(25);
      s = scrape(base);
    }
    assertThat(value(s, series)).as(series + " in\n" + s).matches(done::test);
    return s;
  }

  /** The sum of the series that start with the prefix and contain the part. */
  private static double sum(String scrape, String prefix, String part) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(prefix) && line.substring(0, line.lastIndexOf(' ')).contains(part)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    return 0;
  }
}
