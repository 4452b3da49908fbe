package io.tdstls.interop;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.auth.LoginVerifier;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Our server on loopback with one policy, and the certificate files the clients need. */
final class InteropServer implements AutoCloseable {

  static final String USER = "interop";
  static final String PASSWORD = "Interop-Passw0rd!";
  static final String TRUST_STORE_PASSWORD = "changeit";

  /** A server policy of the matrix. */
  enum Policy {
    AVAILABLE("available", ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED, ClientCertPolicy.MS_TDS),
    FORCED("forced", ServerEncryption.FORCED, StrictPolicy.ALLOWED, ClientCertPolicy.MS_TDS),
    NOT_SUPPORTED("not supported", ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED, ClientCertPolicy.MS_TDS),
    STRICT_REQUIRED("strict required", ServerEncryption.AVAILABLE, StrictPolicy.REQUIRED, ClientCertPolicy.MS_TDS),
    BABELFISH_FORCED("babelfish forced", ServerEncryption.FORCED, StrictPolicy.DISABLED, ClientCertPolicy.BABELFISH);

    final String label;
    final ServerPolicy policy;

    Policy(String label, ServerEncryption e, StrictPolicy s, ClientCertPolicy c) {
      this.label = label;
      this.policy = new ServerPolicy(e, c, s);
    }
  }

  final TdsServer server;
  /** The gateway in front of {@link #server}, or {@code null} when clients reach the server directly. */
  final io.tdstls.gateway.TdsGateway gateway;
  final Path caPem;
  final Path serverPem;
  final Path trustStore;
  /** The certificate clients validate. */
  private HeldCertificate frontCert;

  private InteropServer(TdsServer server, Path caPem, Path serverPem, Path trustStore) {
    this(server, null, caPem, serverPem, trustStore);
  }

  private InteropServer(TdsServer server, io.tdstls.gateway.TdsGateway gateway, Path caPem, Path serverPem,
      Path trustStore) {
    this.server = server;
    this.gateway = gateway;
    this.caPem = caPem;
    this.serverPem = serverPem;
    this.trustStore = trustStore;
  }

  static InteropServer start(Policy policy, Path dir) throws Exception {
    return start(policy, dir, LoginVerifier.passwords(Authenticator.users(Map.of(USER, PASSWORD))));
  }

  /** With a login policy: tokens, Kerberos, passwords. */
  static InteropServer start(Policy policy, Path dir, LoginVerifier logins) throws Exception {
    return start(policy, dir, logins, 0);
  }

  /** On a given port (Kerberos service principals name it); 0 for an ephemeral one. */
  static InteropServer start(Policy policy, Path dir, LoginVerifier logins, int port) throws Exception {
    HeldCertificate ca = HeldCertificate.builder().commonName("interop CA").certificateAuthority(0).build();
    HeldCertificate cert = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
        .addIpAddress("127.0.0.1").serverAuth().signedBy(ca).build();
    Path caPem = Files.writeString(dir.resolve("ca-" + policy.name() + port + ".pem"), ca.certificatePem());
    Path serverPem = Files.writeString(dir.resolve("server-" + policy.name() + port + ".pem"), cert.certificatePem());
    Path trustStore = dir.resolve("truststore-" + policy.name() + port + ".p12");
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca.certificate());
    try (var out = Files.newOutputStream(trustStore)) {
      ks.store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    ServerConfig.Builder b = ServerConfig.builder().port(port)
        .policy(policy.policy)
        .sessions(DiagnosticSessionHandler.factory(logins, policy.policy.strict(), "interop"))
        .fedAuthRequired(logins.acceptsTokens());
    if (policy.policy.encryption() != ServerEncryption.NOT_SUPPORTED) {
      ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
      b.engines(tls::newEngine);
    }
    InteropServer started = new InteropServer(TdsServer.start(b.build()), caPem, serverPem, trustStore);
    started.frontCert = cert;
    return started;
  }

  int port() {
    return gateway != null ? gateway.port() : server.port();
  }

  /**
   * Starts our endpoint as a TDS 7.x-only backend (strict disabled, TLS 1.2 at most) with the
   * given encryption, and a gateway in front of it with the given front policy. Clients see the
   * gateway (its certificate is the one {@link #caPem}, {@link #serverPem} and {@link #trustStore}
   * describe); the gateway connects to the backend in mode mandatory, or off when the backend has
   * no encryption.
   */
  static InteropServer throughGateway(Policy front, ServerEncryption backendEncryption, Path dir) throws Exception {
    InteropServer direct = start(front, dir);
    direct.server.close();
    HeldCertificate backendCert = HeldCertificate.builder().commonName("localhost").addIpAddress("127.0.0.1")
        .serverAuth().build();
    ServerConfig.Builder b = ServerConfig.builder()
        .policy(new ServerPolicy(backendEncryption, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), StrictPolicy.DISABLED,
            "interop-7x-backend"));
    boolean tls = backendEncryption != ServerEncryption.NOT_SUPPORTED;
    if (tls) {
      b.tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(backendCert.certifiedKey())
          .maxProtocolVersion(io.tdstls.tls.TlsVersion.TLS_1_2).build()));
    }
    TdsServer backend = TdsServer.start(b.build());
    io.tdstls.gateway.GatewayConfig.Builder g = io.tdstls.gateway.GatewayConfig.builder()
        .frontPolicy(front.policy)
        .backend("127.0.0.1", backend.port())
        .backendTls(io.tdstls.tls.TlsConfig.builder()
            .mode(tls ? io.tdstls.negotiation.EncryptMode.MANDATORY : io.tdstls.negotiation.EncryptMode.OFF)
            .serverCertificateSha256(backendCert.sha256Fingerprint().bytes()).build())
        .audit(line -> { });
    if (front.policy.encryption() != ServerEncryption.NOT_SUPPORTED) {
      g.frontTls(ServerTlsConfig.builder().certifiedKey(direct.frontCert.certifiedKey()).build(),
          io.tdstls.server.TlsProvider.JDK);
    }
    return new InteropServer(backend, io.tdstls.gateway.TdsGateway.start(g.build()), direct.caPem, direct.serverPem,
        direct.trustStore);
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    server.close();
  }
}
