package io.tdstls.client;

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
import java.util.Map;

/** Starts the project's own server on loopback for client tests. */
final class LoopbackServer {

  static final String USER = "app";
  static final String PASSWORD = "Sup3r-s3cret-pw";

  private LoopbackServer() {}

  static TdsServer start(ServerTlsConfig tls, ServerEncryption encryption, StrictPolicy strict) throws InterruptedException {
    ServerPolicy policy = new ServerPolicy(encryption, ClientCertPolicy.MS_TDS, strict);
    ServerConfig.Builder b = ServerConfig.builder()
        .policy(policy)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), strict, "loopback"));
    if (tls != null) {
      ServerEngineFactory engines = new ServerEngineFactory(tls);
      b.engines(engines::newEngine);
    }
    return TdsServer.start(b.build());
  }
}
