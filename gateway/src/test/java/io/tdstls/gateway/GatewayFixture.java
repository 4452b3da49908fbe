package io.tdstls.gateway;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A throwaway CA, a TDS 7.x-only backend (the project's endpoint with strict disabled and TLS 1.2
 * at most), and a gateway in front of it, all on loopback.
 */
final class GatewayFixture {

  static final String USER = "app";
  static final String PASSWORD = "Sup3r-s3cret-pw";

  final HeldCertificate ca = HeldCertificate.builder().commonName("tds-tls gateway test CA").certificateAuthority(1).build();
  final HeldCertificate otherCa = HeldCertificate.builder().commonName("someone else's CA").certificateAuthority(1).build();
  final HeldCertificate server = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
      .addIpAddress("127.0.0.1").serverAuth().signedBy(ca).build();
  final HeldCertificate untrusted = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
      .addIpAddress("127.0.0.1").serverAuth().signedBy(otherCa).build();
  final HeldCertificate wrongName = HeldCertificate.builder().commonName("db.example.com").addDnsName("db.example.com")
      .serverAuth().signedBy(ca).build();
  final Path caFile;
  final List<String> audit = new CopyOnWriteArrayList<>();

  GatewayFixture(Path dir) {
    try {
      caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's endpoint as a TDS 7.x-only backend: strict disabled, TLS 1.2 at most. */
  TdsServer backend(ServerEncryption encryption, HeldCertificate cert) throws InterruptedException {
    return backend(encryption, cert, 0);
  }

  /** The backend on a given port (0: ephemeral), answering {@code STREAM n} with random bytes too. */
  TdsServer backend(ServerEncryption encryption, HeldCertificate cert, int port) throws InterruptedException {
    ServerPolicy policy = new ServerPolicy(encryption, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);
    ServerConfig.Builder b = ServerConfig.builder().policy(policy).port(port).maxConnections(2000)
        .loginTimeout(java.time.Duration.ofSeconds(120))
        .sessions(RandomBytes.around(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)),
            StrictPolicy.DISABLED, "backend")));
    if (encryption != ServerEncryption.NOT_SUPPORTED) {
      b.tls(new io.tdstls.tls.ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey())
          .maxProtocolVersion(TlsVersion.TLS_1_2).build()));
    }
    return TdsServer.start(b.build());
  }

  GatewayConfig.Builder gateway(int backendPort, EncryptMode backendMode) {
    return GatewayConfig.builder()
        .frontTls(ServerTlsConfig.builder().certifiedKey(server.certifiedKey()).build(), io.tdstls.server.TlsProvider.JDK)
        .backend("127.0.0.1", backendPort)
        .backendTls(TlsConfig.builder().mode(backendMode).caFile(caFile).build())
        .audit(audit::add);
  }

  ConnectionConfig client(int port, EncryptMode mode) {
    return ConnectionConfig.builder().host("localhost").port(port).user(USER).password(PASSWORD.toCharArray())
        .tls(TlsConfig.builder().mode(mode).caFile(caFile).build()).build();
  }
}
