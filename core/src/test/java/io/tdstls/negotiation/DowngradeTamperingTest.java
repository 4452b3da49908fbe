package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsException.Kind;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A man in the middle rewrites the server's PRELOGIN ENCRYPTION reply. A client whose mode
 * requires encryption must fail before LOGIN7, and the password must never cross the wire.
 */
class DowngradeTamperingTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  /** Rewrites the ENCRYPTION byte of the first server message (the PRELOGIN reply). */
  static UnaryOperator<byte[]> rewriteReply(EncryptionValue forged) {
    boolean[] done = {false};
    return bytes -> {
      if (done[0]) {
        return bytes;
      }
      done[0] = true;
      try {
        PacketHeader h = PacketHeader.decode(ByteBuffer.wrap(bytes));
        byte[] payload = Arrays.copyOfRange(bytes, PacketHeader.SIZE, h.length());
        PreLogin forgedReply = PreLogin.decode(payload).withEncryption(forged);
        return MessageSplitter.toWire(new TdsMessage(PacketType.TABULAR_RESULT, forgedReply.encode()), 4096, 0);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
  }

  @ParameterizedTest(name = "server {0}: reply forged to NOT_SUP")
  @EnumSource(value = ServerEncryption.class, names = {"AVAILABLE", "FORCED"})
  void mandatoryClientFailsBeforeLogin7WhenReplyForgedToNotSup(ServerEncryption setting) {
    Pump pump = new Pump(EncryptMode.MANDATORY, new ServerPolicy(setting, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED), 1 << 20)
        .tamperServerToClient(rewriteReply(EncryptionValue.NOT_SUP))
        .run();

    assertThat(pump.clientError).isNotNull();
    assertThat(pump.clientError.kind()).isEqualTo(Kind.ENCRYPTION_NOT_SUPPORTED);
    assertThat(pump.client.state()).isEqualTo(ClientState.FINAL);
    assertThat(pump.passwordInClearOnWire()).as("password on the wire").isFalse();
    // Nothing at all was sent after the PRELOGIN request: no LOGIN7 packet in any form.
    assertThat(pump.clientWire.toByteArray()).doesNotContain((byte) PacketType.LOGIN7.code());
  }

  @Test
  void mandatoryClientStillEncryptsWhenReplyForgedToOff() {
    // ENCRYPT_OFF in answer to ENCRYPT_ON cannot make a mandatory client settle for login-only.
    Pump pump = new Pump(EncryptMode.MANDATORY,
        new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED), 1 << 20)
        .tamperServerToClient(rewriteReply(EncryptionValue.OFF))
        .run();

    assertThat(pump.clientError).isNull();
    assertThat(pump.client.negotiated().outcome()).isEqualTo(Outcome.FULL);
    assertThat(pump.passwordInClearOnWire()).isFalse();
  }

  @Test
  void optionalClientGoesClearWhenReplyForgedToNotSup() {
    // The contrast that shows the test can fail: a client that does not require encryption is
    // talked into sending its password in clear. This is why mandatory is the default.
    Pump pump = new Pump(EncryptMode.OPTIONAL,
        new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED), 1 << 20)
        .tamperServerToClient(rewriteReply(EncryptionValue.NOT_SUP))
        .run();

    assertThat(pump.client.negotiated().outcome()).isEqualTo(Outcome.NONE);
    assertThat(pump.passwordInClearOnWire()).isTrue();
  }

  @Test
  void forgedInvalidReplyIsAProtocolError() {
    Pump pump = new Pump(EncryptMode.MANDATORY,
        new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED), 1 << 20)
        .tamperServerToClient(rewriteReply(EncryptionValue.of(0x2A)))
        .run();

    assertThat(pump.clientError.kind()).isEqualTo(Kind.PROTOCOL_VIOLATION);
    assertThat(pump.clientError.getMessage()).contains("0x2A");
    assertThat(pump.passwordInClearOnWire()).isFalse();
  }
}
