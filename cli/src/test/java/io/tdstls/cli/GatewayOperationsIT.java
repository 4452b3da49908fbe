package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
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
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway} in production, from the real jar, in front of the project's endpoint as a TDS
 * 7.x-only backend: metrics scraped over HTTP, and SIGTERM draining one session that finishes and
 * closing one that does not, while new connections are refused and {@code /health} says 503.
 */
class GatewayOperationsIT {

  private static final Duration START = Duration.ofSeconds(30);
  private static final String USER = "app";
  private static final String PASSWORD = "gw-ops-pw";
  private static final HeldCertificate BACKEND_CERT = HeldCertificate.builder().commonName("backend")
      .addIpAddress("127.0.0.1").serverAuth().build();

  @TempDir Path dir;

  @Test
  void meteredAndDrainedOnSigterm() throws Exception {
    try (TdsServer backend = backend();
        Tool.Background gw = Tool.start("gateway", "--listen", "127.0.0.1:0", "--backend", "127.0.0.1:" + backend.port(),
            "--backend-server-certificate-sha256", BACKEND_CERT.sha256Fingerprint().toString(),
            "--cert-dir", dir.toString(), "--metrics", "127.0.0.1:0", "--drain-timeout", "5")) {
      String startup = gw.awaitOutput("stops the gateway", START);
      int port = ServeConnectIT.port(startup);
      Matcher sha = Pattern.compile("SHA-256 ([0-9A-F:]{95})").matcher(startup);
      assertThat(sha.find()).as(startup).isTrue();
      Matcher metrics = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+)/metrics").matcher(startup);
      assertThat(metrics.find()).as(startup).isTrue();
      assertThat(startup).contains("open sessions get 5s to finish");

      TdsSession finishing = login(port, sha.group(1), EncryptMode.STRICT);
      TdsSession lingering = login(port, sha.group(1), EncryptMode.MANDATORY);
      assertThat(finishing.execute("SELECT 1").firstTable().rows()).hasSize(1);
      String scrape = get(metrics.group(1) + "/metrics");
      assertThat(scrape)
          .containsPattern("(?m)^tdstls_gateway_connections_total\\{listener=\"gateway\",route=\"default\"} 2.0$")
          .containsPattern("(?m)^tdstls_gateway_connections_open\\{listener=\"gateway\",route=\"default\"} 2.0$")
          .containsPattern("(?m)^tdstls_gateway_handshakes_total\\{listener=\"gateway\",outcome=\"strict\",side=\"front\","
              + "tls_version=\"TLSv1.3\"} 1.0$")
          .containsPattern("(?m)^tdstls_gateway_handshakes_total\\{listener=\"gateway\",outcome=\"full\",side=\"back\","
              + "tls_version=\"TLSv1.2\"} 2.0$")
          .containsPattern("(?m)^tdstls_gateway_login_seconds_count\\{listener=\"gateway\",result=\"accepted\","
              + "route=\"default\"} 2(\\.0)?$")
          .containsPattern("(?m)^tdstls_gateway_backend_connect_seconds_count\\{listener=\"gateway\",route=\"default\"} 2(\\.0)?$")
          .containsPattern("(?m)^tdstls_certificate_expiry_seconds\\{listener=\"gateway\"} \\d\\.\\d+E9$");
      assertThat(get(metrics.group(1) + "/health")).isEqualTo("ok\n");

      gw.process.destroy(); // SIGTERM
      assertThat(gw.awaitError("stopping: no new connections", START))
          .contains("tds-tls gateway: stopping: no new connections; 2 open, waiting up to 5s for them to finish");
      assertThat(get(metrics.group(1) + "/health")).as("health while draining").isEqualTo("draining\n");
      awaitRefused(port);
      assertThat(finishing.execute("SELECT 2").firstTable().rows()).as("an open session goes on while draining")
          .hasSize(1);
      finishing.close();
      assertThat(gw.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(gw.err()).contains("tds-tls gateway: drained 1, closed 1 (still open after --drain-timeout 5s)")
          .contains("tds-tls gateway: stopped");
      lingering.close();
    }
  }

  private static TdsServer backend() throws InterruptedException {
    return TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(BACKEND_CERT.certifiedKey())
            .maxProtocolVersion(TlsVersion.TLS_1_2).build()))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), StrictPolicy.DISABLED,
            "backend"))
        .build());
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

  private static TdsSession login(int port, String sha, EncryptMode mode) throws Exception {
    return TdsClient.connect(ConnectionConfig.builder().host("127.0.0.1").port(port).user(USER)
        .password(PASSWORD.toCharArray()).tls(TlsConfig.builder().mode(mode).serverCertificateSha256(sha).build())
        .build());
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
