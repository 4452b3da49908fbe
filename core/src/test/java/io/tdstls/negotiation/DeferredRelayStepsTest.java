package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two steps a relay needs from the core: a server whose PRELOGIN reply waits (state
 * AWAIT_PRELOGIN_REPLY) and then carries another server's options, and a client that negotiates
 * first and sends LOGIN7 later (state NEGOTIATED).
 */
class DeferredRelayStepsTest {

  static final Version BACKEND = new Version(15, 0, 4153, 1);
  static final ServerPolicy POLICY = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
      StrictPolicy.ALLOWED);

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  /** Moves bytes both ways until neither side has anything more to say. */
  static void pump(ClientNegotiator client, ServerNegotiator server, byte[] toServer) throws TdsException {
    byte[] toClient = new byte[0];
    for (int i = 0; i < 1000 && (toServer.length > 0 || toClient.length > 0); i++) {
      ByteArrayOutputStream s = new ByteArrayOutputStream();
      if (toServer.length > 0) {
        server.receive(ByteBuffer.wrap(toServer), b -> {
          byte[] a = new byte[b.remaining()];
          b.get(a);
          s.writeBytes(a);
        });
      }
      byte[] fromClient = toClient.length > 0 ? client.receive(ByteBuffer.wrap(toClient)) : new byte[0];
      toClient = s.toByteArray();
      toServer = fromClient;
    }
  }

  @ParameterizedTest(name = "client {0}")
  @EnumSource(value = EncryptMode.class, names = {"OPTIONAL", "MANDATORY", "STRICT"})
  void theReplyWaitsAndCarriesTheGivenOptionsAndLogin7ComesLater(EncryptMode mode) throws Exception {
    ServerNegotiator server = new ServerNegotiator(POLICY, Pump.SERVER_PRELOGIN, TestTls.serverEngines(), 1 << 20);
    server.deferPreLoginReply();
    // the client sends FEDAUTHREQUIRED: a server answers that option only to a client that sent it
    ClientNegotiator client = new ClientNegotiator(mode, PreLogin.of(new Version(1, 2, 3, 4)).withMars(true)
        .withFedAuthRequired(true), TestTls.clientEngines(), 1 << 20);
    pump(client, server, client.start());
    assertThat(server.state()).isEqualTo(ServerState.AWAIT_PRELOGIN_REPLY);
    assertThat(server.clientPreLogin().version()).isEqualTo(new Version(1, 2, 3, 4));
    assertThat(server.clientPreLogin().mars()).contains(true);

    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    server.answerPreLogin(PreLogin.of(BACKEND).withMars(false).withFedAuthRequired(true), b -> {
      byte[] a = new byte[b.remaining()];
      b.get(a);
      reply.writeBytes(a);
    });
    byte[] fromClient = client.receive(ByteBuffer.wrap(reply.toByteArray()));
    pump(client, server, fromClient);
    assertThat(client.state()).isEqualTo(ClientState.NEGOTIATED);
    assertThat(client.negotiated().serverPreLogin().version()).isEqualTo(BACKEND);
    assertThat(client.negotiated().serverPreLogin().fedAuthRequired()).contains(true);
    assertThat(server.state()).isEqualTo(ServerState.AWAIT_LOGIN7);

    pump(client, server, client.sendLogin7(LoginMethod.SQL_PASSWORD, "LOGIN7".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.state()).isEqualTo(ClientState.SENT_LOGIN7);
    assertThat(server.state()).isEqualTo(ServerState.LOGIN7_RECEIVED);
    TdsMessage login = server.poll();
    assertThat(login.type()).isEqualTo(PacketType.LOGIN7);
    assertThat(new String(login.payload(), StandardCharsets.UTF_8)).isEqualTo("LOGIN7");
  }

  @ParameterizedTest(name = "{0} over login-only")
  @EnumSource(value = LoginMethod.class, names = {"SECURITY_TOKEN", "FEDAUTH_INFO_REQUEST", "SSPI"})
  void aLaterLogin7IsCheckedLikeAnyOther(LoginMethod method) throws Exception {
    ServerNegotiator server = new ServerNegotiator(POLICY, Pump.SERVER_PRELOGIN, TestTls.serverEngines(), 1 << 20);
    ClientNegotiator client = new ClientNegotiator(EncryptMode.OPTIONAL, PreLogin.of(new Version(1, 0, 0, 0)),
        TestTls.clientEngines(), 1 << 20);
    pump(client, server, client.start());
    assertThat(client.state()).isEqualTo(ClientState.NEGOTIATED);
    assertThat(client.negotiated().outcome()).isEqualTo(Outcome.LOGIN_ONLY);
    assertThatThrownBy(() -> client.sendLogin7(method, new byte[8])).isInstanceOf(TdsException.class)
        .hasMessageContaining(method.label()).hasMessageContaining("login-only");
    assertThat(client.state()).isEqualTo(ClientState.FINAL);
  }
}
