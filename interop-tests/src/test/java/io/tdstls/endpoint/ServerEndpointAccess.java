package io.tdstls.endpoint;

import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.ServerConfig;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.pki.HeldCertificate;

/** Opens {@link ServerEndpointTest}'s server set-up to the tests of other packages. */
public final class ServerEndpointAccess {

  /** The user the diagnostic handler accepts. */
  public static final String USER = ServerEndpointTest.USER;
  /** That user's password. */
  public static final String PASSWORD = ServerEndpointTest.PASSWORD;

  private ServerEndpointAccess() {}

  /** A server builder with the diagnostic handler and the given policy, TLS when given. */
  public static ServerConfig.Builder server(ServerEncryption encryption, ServerEngineFactory tls) {
    return ServerEndpointTest.server(encryption, tls);
  }

  /** A server certificate for localhost. */
  public static HeldCertificate cert(String cn) {
    return ServerEndpointTest.cert(cn);
  }
}
