package io.tdstls.bench.connect;

import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;

/** Connectors of our client: one {@link TdsClient} per mode, reused for every connection. */
public final class TdsConnectors {

  private TdsConnectors() {}

  /**
   * Returns the settings of our client for a mode.
   *
   * @param pki the certificates (the client trusts the bench CA and verifies the host name)
   * @param port our server's port on 127.0.0.1
   * @param mode the mode
   * @return the settings
   */
  public static ConnectionConfig config(BenchPki pki, int port, LoginMode mode) {
    return config(pki.caPem(), port, mode);
  }

  /**
   * Returns the settings of our client for a mode, trusting a CA file.
   *
   * @param caPem the CA certificate to trust
   * @param port our server's port on 127.0.0.1
   * @param mode the mode
   * @return the settings
   */
  public static ConnectionConfig config(Path caPem, int port, LoginMode mode) {
    return config(caPem, port, mode, ConnectionConfig.DEFAULT_PACKET_SIZE);
  }

  /**
   * Returns the settings of our client for a mode and a requested packet size.
   *
   * @param caPem the CA certificate to trust
   * @param port our server's port on 127.0.0.1
   * @param mode the mode
   * @param packetSize the packet size requested in LOGIN7
   * @return the settings
   */
  public static ConnectionConfig config(Path caPem, int port, LoginMode mode, int packetSize) {
    return ConnectionConfig.builder().packetSize(packetSize).host("127.0.0.1").port(port)
        .user(BenchServers.USER).password(BenchServers.PASSWORD.toCharArray())
        .loginTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(120))
        .tls(TlsConfig.builder().caFile(caPem).maxProtocolVersion(mode.tls().orElse(TlsVersion.TLS_1_3))
            .mode(mode.mode()).build())
        .build();
  }

  /**
   * Returns a connector that logs in (TCP connect through LOGINACK) and closes.
   *
   * @param pki the certificates
   * @param port our server's port
   * @param mode the mode
   * @return the connector; it checks the negotiated outcome on every connection
   */
  public static Connector login(BenchPki pki, int port, LoginMode mode) {
    TdsClient client = new TdsClient(config(pki, port, mode));
    Outcome expected = expectedOutcome(mode);
    return () -> {
      try (TdsSession session = client.connect()) {
        if (session.report().outcome() != expected) {
          throw new IllegalStateException(mode.label() + " negotiated " + session.report().outcome());
        }
      }
    };
  }

  static Outcome expectedOutcome(LoginMode mode) {
    switch (mode) {
      case LOGIN_ONLY:
        return Outcome.LOGIN_ONLY;
      case FULL:
        return Outcome.FULL;
      case NONE:
        return Outcome.NONE;
      default:
        return Outcome.STRICT;
    }
  }
}
