package io.tdstls.cli.demo;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.ResultTable;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.negotiation.TlsInfo;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's gateway section: a strict TLS 1.3 client reaches, through the gateway, an embedded
 * backend that only speaks TDS 7.x with TLS 1.2 (strict disabled), and each side tells what it
 * negotiated. Both certificates are generated for the run and pinned by SHA-256.
 */
final class GatewayDemo {

  private static final String HOST = "127.0.0.1";

  private GatewayDemo() {}

  /**
   * Runs the section.
   *
   * @param user the login the backend accepts
   * @param password its password
   * @return what the client, the gateway's front and the backend negotiated, in display order
   */
  static Map<String, String> run(String user, String password) throws InterruptedException {
    HeldCertificate backendCert = HeldCertificate.builder().commonName("localhost").addIpAddress(HOST).serverAuth().build();
    HeldCertificate gatewayCert = HeldCertificate.builder().commonName("localhost").addIpAddress(HOST).serverAuth().build();
    Map<String, String> facts = new LinkedHashMap<>();
    ServerPolicy backendPolicy = new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);
    ServerConfig backendConfig = ServerConfig.builder().host(HOST).port(0).policy(backendPolicy)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(user, password)), StrictPolicy.DISABLED,
            "tds-tls-demo-7x-backend"))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(backendCert.certifiedKey())
            .maxProtocolVersion(TlsVersion.TLS_1_2).build()))
        .build();
    List<String> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (TdsServer backend = TdsServer.start(backendConfig);
        TdsGateway gateway = TdsGateway.start(GatewayConfig.builder().listen(HOST, 0)
            .frontTls(ServerTlsConfig.builder().certifiedKey(gatewayCert.certifiedKey()).build(), TlsProvider.JDK)
            .backend(HOST, backend.port())
            .backendTls(TlsConfig.builder().mode(EncryptMode.MANDATORY)
                .serverCertificateSha256(backendCert.sha256Fingerprint().bytes()).build())
            .audit(audit::add)
            .build())) {
      ConnectionConfig client = ConnectionConfig.builder().host(HOST).port(gateway.port()).user(user)
          .password(password.toCharArray()).connectTimeout(DemoRunner.LOGIN_TIMEOUT).loginTimeout(DemoRunner.LOGIN_TIMEOUT)
          .tls(TlsConfig.builder().mode(EncryptMode.STRICT).serverCertificateSha256(gatewayCert.sha256Fingerprint().bytes())
              .build())
          .build();
      facts.put("path", "client (strict) -> gateway 127.0.0.1:" + gateway.port() + " -> backend 127.0.0.1:"
          + backend.port() + " (TDS 7.x only: strict disabled, TLS 1.2 at most, encryption forced)");
      try (TdsSession session = TdsClient.connect(client)) {
        TlsInfo front = session.report().tls().orElseThrow();
        facts.put("client <-> gateway", session.report().outcome().label() + ", " + front.protocol() + ", "
            + front.cipherSuite() + ", ALPN " + (front.alpn().isEmpty() ? "-" : front.alpn()));
        Map<String, String> back = new LinkedHashMap<>();
        ResultTable t = session.execute("SELECT * FROM tdstls.negotiation").firstTable();
        for (List<Object> row : t.rows()) {
          back.put(ResultTable.text(row.get(0)), ResultTable.text(row.get(1)));
        }
        facts.put("gateway <-> backend", back.get("outcome") + ", " + back.get("tls_protocol") + ", "
            + back.get("cipher_suite") + ", LOGIN7 TDS " + back.get("login_tds_version"));
        facts.put("outcome", "ok");
      } catch (TdsException e) {
        facts.put("outcome", "failed: " + e.getMessage());
      }
    }
    if (!audit.isEmpty()) {
      facts.put("audit line", audit.get(0));
    }
    return facts;
  }
}
