package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.EncryptionRequiredException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server role's refusals, driven byte by byte without a client core. */
class ServerNegotiatorTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  static ServerNegotiator server(ServerEncryption enc, StrictPolicy strict) {
    return new ServerNegotiator(new ServerPolicy(enc, ClientCertPolicy.MS_TDS, strict), Pump.SERVER_PRELOGIN,
        TestTls.serverEngines(), 1 << 16);
  }

  static ByteBuffer prelogin(EncryptionValue e) {
    return ByteBuffer.wrap(MessageSplitter.toWire(
        new TdsMessage(PacketType.PRELOGIN, PreLogin.of(new Version(1, 0, 0, 0)).withEncryption(e).encode()), 4096, 0));
  }

  @Test
  void aCleartextLogin7AfterEncryptionWasNegotiatedIsRefused() throws Exception {
    ServerNegotiator s = server(ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED);
    byte[] reply = s.receive(prelogin(EncryptionValue.ON));
    assertThat(reply).isNotEmpty();
    assertThat(s.state()).isEqualTo(ServerState.TLS_NEGOTIATION);
    byte[] login = MessageSplitter.toWire(new TdsMessage(PacketType.LOGIN7, new byte[100]), 4096, 0);
    assertThatThrownBy(() -> s.receive(ByteBuffer.wrap(login))).isInstanceOf(EncryptionRequiredException.class)
        .hasMessageContaining("LOGIN7 in clear");
    assertThat(s.state()).isEqualTo(ServerState.FINAL);
    assertThat(s.poll()).as("the login never reaches the session handler").isNull();
  }

  @Test
  void aStrictClientHelloIsRefusedWhenStrictIsDisabled() {
    ServerNegotiator s = server(ServerEncryption.AVAILABLE, StrictPolicy.DISABLED);
    assertThatThrownBy(() -> s.receive(ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01})))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("strict is disabled");
  }

  @Test
  void anUnknownFirstByteIsAProtocolError() {
    ServerNegotiator s = server(ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED);
    assertThatThrownBy(() -> s.receive(ByteBuffer.wrap(new byte[] {'G', 'E', 'T'})))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("0x47");
  }

  @Test
  void forcedServerAnswersReqToANotSupClientAndCloses() throws Exception {
    ServerNegotiator s = server(ServerEncryption.FORCED, StrictPolicy.ALLOWED);
    byte[] reply = s.receive(prelogin(EncryptionValue.NOT_SUP));
    PreLogin answer = PreLogin.decode(java.util.Arrays.copyOfRange(reply, 8, reply.length));
    assertThat(answer.encryption()).contains(EncryptionValue.REQ);
    assertThat(s.state()).isEqualTo(ServerState.FINAL);
    assertThat(s.failure()).isInstanceOf(EncryptionRequiredException.class);
  }

  @Test
  void fedAuthRequiredAnswersOnlyAClientThatSentTheOption() throws Exception {
    for (Boolean asked : new Boolean[] {null, Boolean.TRUE}) {
      ServerNegotiator s = new ServerNegotiator(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
          StrictPolicy.ALLOWED), Pump.SERVER_PRELOGIN.withFedAuthRequired(true), TestTls.serverEngines(), 1 << 16);
      byte[] reply = s.receive(ByteBuffer.wrap(MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN,
          PreLogin.of(new Version(1, 0, 0, 0)).withEncryption(EncryptionValue.ON).withFedAuthRequired(asked).encode()),
          4096, 0)));
      PreLogin answer = PreLogin.decode(java.util.Arrays.copyOfRange(reply, 8, reply.length));
      assertThat(answer.fedAuthRequired()).as("client sent FEDAUTHREQUIRED=" + asked)
          .isEqualTo(java.util.Optional.ofNullable(asked));
    }
  }

  @Test
  void afterFinalNothingMoreIsProcessed() throws Exception {
    ServerNegotiator s = server(ServerEncryption.FORCED, StrictPolicy.ALLOWED);
    s.receive(prelogin(EncryptionValue.NOT_SUP));
    assertThat(s.receive(prelogin(EncryptionValue.ON))).isEmpty();
    assertThat(s.state()).isEqualTo(ServerState.FINAL);
    assertThatThrownBy(() -> s.send(new TdsMessage(PacketType.TABULAR_RESULT, new byte[1])))
        .isInstanceOf(TdsException.class);
  }
}
