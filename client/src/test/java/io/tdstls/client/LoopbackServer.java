package io.tdstls.client;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import java.util.Map;
import java.util.function.Supplier;

/** Starts the project's own server on loopback for client tests. */
final class LoopbackServer {

  static final String USER = "app";
  static final String PASSWORD = "Sup3r-s3cret-pw";

  private LoopbackServer() {}

  static TdsServer start(ServerTlsConfig tls, ServerEncryption encryption, StrictPolicy strict) throws InterruptedException {
    return start(tls, encryption, strict, diagnostic(strict));
  }

  static Supplier<SessionHandler> diagnostic(StrictPolicy strict) {
    return DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), strict, "loopback");
  }

  static TdsServer start(ServerTlsConfig tls, ServerEncryption encryption, StrictPolicy strict,
      Supplier<SessionHandler> sessions) throws InterruptedException {
    ServerPolicy policy = new ServerPolicy(encryption, ClientCertPolicy.MS_TDS, strict);
    ServerConfig.Builder b = ServerConfig.builder()
        .policy(policy)
        .sessions(sessions);
    if (tls != null) {
      ServerEngineFactory engines = new ServerEngineFactory(tls);
      b.engines(engines::newEngine);
    }
    return TdsServer.start(b.build());
  }
}
