package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConnectionException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.TokenEncoder;
import io.tdstls.protocol.token.TokenType;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azure SQL's redirect: the login response names another host and port, and the client follows it. */
class RoutingTest {

  @TempDir Path dir;

  /** A gateway that answers every login with a routing ENVCHANGE to the given port. */
  static TdsServer gateway(Pki pki, int targetPort, AtomicInteger logins) throws InterruptedException {
    SessionHandler redirect = new SessionHandler() {
      @Override
      public LoginAnswer login(TdsMessage login7, ConnectionInfo connection) {
        logins.incrementAndGet();
        byte[] tokens = new TokenEncoder(TdsVersion.V7_4).encode(
            new EnvChange.Routing(0, targetPort, "127.0.0.1"),
            Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0));
        return new LoginAnswer(false, new TdsMessage(PacketType.TABULAR_RESULT, tokens), 4096);
      }

      @Override
      public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) {
        throw new AssertionError("a redirected client sends no request");
      }
    };
    return TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.FORCED, io.tdstls.protocol.encryption.ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .tls(new ServerEngineFactory(pki.serverTls(pki.server)))
        .sessions(() -> redirect).build());
  }

  @Test
  void theClientFollowsTheRedirectWithTheSameSecuritySettingsAndReportsIt() throws Exception {
    Pki pki = new Pki(dir);
    AtomicInteger logins = new AtomicInteger();
    try (TdsServer target = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED);
        TdsServer gateway = gateway(pki, target.port(), logins)) {
      ConnectionConfig config = ConnectionConfig.builder().host("localhost").port(gateway.port())
          .user(LoopbackServer.USER).password(LoopbackServer.PASSWORD.toCharArray())
          .tls(TlsConfig.builder().mode(EncryptMode.STRICT).caFile(pki.caFile()).build()).build();
      try (TdsSession s = TdsClient.connect(config)) {
        assertThat(logins).hasValue(1);
        assertThat(s.report().port()).isEqualTo(target.port());
        assertThat(s.report().redirectedFrom()).contains("localhost:" + gateway.port());
        assertThat(s.report().outcome()).isEqualTo(Outcome.STRICT);
        assertThat(s.report().describe()).contains("redirected from localhost:" + gateway.port());
      }
    }
  }

  @Test
  void aRedirectLoopEndsWithAClearError() throws Exception {
    Pki pki = new Pki(dir);
    AtomicInteger logins = new AtomicInteger();
    try (TdsServer loop = gatewayOn(pki, logins)) {
      ConnectionConfig config = ConnectionConfig.builder().host("127.0.0.1").port(loop.port())
          .user(LoopbackServer.USER).password(LoopbackServer.PASSWORD.toCharArray())
          .tls(TlsConfig.builder().caFile(pki.caFile()).build()).build();
      assertThatThrownBy(() -> TdsClient.connect(config))
          .isInstanceOf(TdsConnectionException.class).hasMessageContaining("redirects");
      assertThat(logins.get()).isEqualTo(TdsClient.MAX_REDIRECTS + 1);
    }
  }

  /** A gateway that redirects to itself. */
  private static TdsServer gatewayOn(Pki pki, AtomicInteger logins) throws Exception {
    int[] port = new int[1];
    SessionHandler self = new SessionHandler() {
      @Override
      public LoginAnswer login(TdsMessage login7, ConnectionInfo connection) {
        logins.incrementAndGet();
        byte[] tokens = new TokenEncoder(TdsVersion.V7_4).encode(
            new EnvChange.Routing(0, port[0], "127.0.0.1"), Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0));
        return new LoginAnswer(false, new TdsMessage(PacketType.TABULAR_RESULT, tokens), 4096);
      }

      @Override
      public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) {
        return List.of();
      }
    };
    TdsServer s = TdsServer.start(ServerConfig.builder()
        .tls(new ServerEngineFactory(pki.serverTls(pki.server))).sessions(() -> self).build());
    port[0] = s.port();
    return s;
  }
}
