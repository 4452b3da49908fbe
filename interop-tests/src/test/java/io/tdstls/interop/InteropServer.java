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
  final Path caPem;
  final Path serverPem;
  final Path trustStore;

  private InteropServer(TdsServer server, Path caPem, Path serverPem, Path trustStore) {
    this.server = server;
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
        .sessions(DiagnosticSessionHandler.factory(logins, policy.policy.strict(), "interop"));
    if (policy.policy.encryption() != ServerEncryption.NOT_SUPPORTED) {
      ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
      b.engines(tls::newEngine);
    }
    return new InteropServer(TdsServer.start(b.build()), caPem, serverPem, trustStore);
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
