package io.tdstls.probe;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.util.Map;

/** Starts the project's own server on loopback, in one policy, for the probe to examine. */
final class Endpoint {

  private Endpoint() {}

  static TdsServer start(HeldCertificate cert, ServerEncryption encryption, ClientCertPolicy clientCert, StrictPolicy strict)
      throws InterruptedException {
    ServerEngineFactory engines = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
    return start(engines::newEngine, encryption, clientCert, strict);
  }

  static TdsServer start(TlsEngineSource engines, ServerEncryption encryption, ClientCertPolicy clientCert,
      StrictPolicy strict) throws InterruptedException {
    ServerConfig.Builder b = ServerConfig.builder()
        .policy(new ServerPolicy(encryption, clientCert, strict))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of("app", "pw")), strict, "probe-test"));
    // Engines are given even without TLS: ServerConfig allows leaving them out then, but
    // ServerNegotiator's constructor still requires them (a server issue, reported); a
    // NOT_SUPPORTED policy never uses them.
    b.engines(engines);
    return TdsServer.start(b.build());
  }

  static Target target(TdsServer server) {
    return new Target("localhost", server.port());
  }
}
