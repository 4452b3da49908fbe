package io.tdstls.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.LoginFailedException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** Scrapes /metrics over HTTP while real connections are made, refused and broken. */
class ServerMetricsTest {

  private static final HeldCertificate CERT =
      HeldCertificate.builder().commonName("metrics").addDnsName("localhost").serverAuth().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void countersMoveAsConnectionsAreMadeRefusedAndBroken() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerMetrics metrics = new ServerMetrics(registry, "test").certificateExpiry(CERT::certificate);
    ServerConfig config = ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey()).build()))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of("app", "pw")), StrictPolicy.ALLOWED, "m"))
        .maxConnections(1).events(metrics).build();
    try (TdsServer server = TdsServer.start(config);
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1:0", registry, () -> true)) {
      String base = "http://127.0.0.1:" + endpoint.port();
      assertThat(get(base + "/health")).isEqualTo("200 ok\n");
      assertThat(value(scrape(base), "tdstls_connections_total{listener=\"test\"}")).isZero();

      try (TdsSession session = TdsClient.connect(login(server.port(), "pw", EncryptMode.STRICT))) {
        String s = scrape(base);
        assertThat(value(s, "tdstls_connections_total{listener=\"test\"}")).isEqualTo(1);
        assertThat(value(s, "tdstls_connections_open{listener=\"test\"}")).isEqualTo(1);
        assertThat(value(s, "tdstls_handshakes_total{listener=\"test\",outcome=\"strict\",tls_version=\"TLSv1.3\"}"))
            .isEqualTo(1);
        assertThat(value(s, "tdstls_login_seconds_count{listener=\"test\",result=\"accepted\"}")).isEqualTo(1);
        assertThat(value(s, "tdstls_certificate_expiry_seconds{listener=\"test\"}"))
            .isEqualTo(CERT.certificate().getNotAfter().getTime() / 1000.0);

        try (Socket extra = new Socket("127.0.0.1", server.port())) {
          extra.setSoTimeout(10_000);
          assertThat(extra.getInputStream().read()).as("the server closes a connection over the limit").isEqualTo(-1);
        }
        awaitMetric(base, "tdstls_connections_refused_total{listener=\"test\"}", v -> v == 1);
      }
      awaitMetric(base, "tdstls_connections_open{listener=\"test\"}", v -> v == 0);

      assertThatThrownBy(() -> TdsClient.connect(login(server.port(), "wrong", EncryptMode.MANDATORY)))
          .isInstanceOf(LoginFailedException.class);
      awaitMetric(base, "tdstls_login_seconds_count{listener=\"test\",result=\"refused\"}", v -> v == 1);
      awaitMetric(base, "tdstls_connections_open{listener=\"test\"}", v -> v == 0);

      try (Socket garbage = new Socket("127.0.0.1", server.port())) {
        garbage.setSoTimeout(10_000);
        OutputStream out = garbage.getOutputStream();
        out.write(new byte[] {0x12, 0x01, 0x00, 0x04, 0, 0, 0, 0});
        out.flush();
        InputStream in = garbage.getInputStream();
        while (in.read() >= 0) {
          // until the server closes it
        }
      }
      String s = awaitMetric(base, "tdstls_handshakes_total{listener=\"test\",outcome=\"failed\",tls_version=\"none\"}",
          v -> v == 1);
      assertThat(value(s, "tdstls_failures_total{kind=\"protocol_violation\",listener=\"test\"}")).isEqualTo(1);
      assertThat(sum(s, "tdstls_handshakes_total{listener=\"test\",outcome=\"full\",tls_version=\"TLSv1."))
          .as("the refused login negotiated full encryption, in\n" + s).isEqualTo(1);
      assertThat(value(s, "tdstls_connections_total{listener=\"test\"}")).isEqualTo(3);
      assertThat(value(s, "tdstls_received_bytes_total{listener=\"test\"}")).isGreaterThan(1000);
      assertThat(value(s, "tdstls_sent_bytes_total{listener=\"test\"}")).isGreaterThan(1000);
      assertThat(s).contains("tdstls_login_seconds_bucket{");
    }
  }

  @Test
  void healthSays503WhileDraining() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1:0", registry, () -> false)) {
      assertThat(get("http://127.0.0.1:" + endpoint.port() + "/health")).isEqualTo("503 draining\n");
    }
  }

  @Test
  void aBadAddressIsAConfigError() {
    assertThatThrownBy(() -> MetricsEndpoint.start("9464", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true))
        .hasMessageContaining("invalid metrics address '9464'");
  }

  private static ConnectionConfig login(int port, String password, EncryptMode mode) {
    return ConnectionConfig.builder().host("localhost").port(port).user("app").password(password.toCharArray())
        .tls(TlsConfig.builder().mode(mode).serverCertificateSha256(CERT.sha256Fingerprint().toString()).build()).build();
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

  /** Events arrive on the server's event loop after the client sees the close: scrape until they show, bounded. */
  private String awaitMetric(String base, String series, DoublePredicate done) throws Exception {
    String s = scrape(base);
    for (int i = 0; i < 200 && !done.test(value(s, series)); i++) {
      Thread.sleep(25);
      s = scrape(base);
    }
    assertThat(value(s, series)).as(series + " in\n" + s).matches(done::test);
    return s;
  }

  private static double sum(String scrape, String prefix) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(prefix)) {
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
