package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.MessageTooLargeException;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.TokenEncoder;
import io.tdstls.protocol.token.TokenType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A malicious server (issue 12): the client never believes a declared length, never buffers more
 * than its maximum message size, and every failure is a typed {@link TdsException}.
 */
class HostileServerTest {

  interface Script {
    void play(InputStream in, OutputStream out) throws IOException;
  }

  /** A server that answers PRELOGIN with "no encryption", reads LOGIN7, then plays the script. */
  static ServerSocket hostile(Script afterLogin7) throws IOException {
    return MisbehavingServerTest.peer(s -> {
      try {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        skipMessage(in);
        byte[] reply = PreLogin.of(new Version(16, 0, 1, 0)).withEncryption(EncryptionValue.NOT_SUP).encode();
        out.write(MessageSplitter.toWire(new TdsMessage(PacketType.TABULAR_RESULT, reply), 4096, 0));
        skipMessage(in);
        afterLogin7.play(in, out);
      } catch (IOException e) {
        // the client went away
      }
    });
  }

  static void skipMessage(InputStream in) throws IOException {
    while (true) {
      byte[] h = in.readNBytes(8);
      if (h.length < 8) {
        throw new IOException("client closed");
      }
      in.readNBytes(((h[2] & 0xFF) << 8 | (h[3] & 0xFF)) - 8);
      if ((h[1] & 1) != 0) {
        return;
      }
    }
  }

  static ConnectionConfig.Builder config(int port) {
    return ConnectionConfig.builder().host("localhost").port(port).user("u").password("p".toCharArray())
        .loginTimeout(Duration.ofSeconds(20)).tls(io.tdstls.tls.TlsConfig.builder().mode(EncryptMode.OFF).build());
  }

  static byte[] packet(int type, int status, byte[] payload) {
    byte[] p = new byte[8 + payload.length];
    p[0] = (byte) type;
    p[1] = (byte) status;
    p[2] = (byte) (p.length >>> 8);
    p[3] = (byte) p.length;
    System.arraycopy(payload, 0, p, 8, payload.length);
    return p;
  }

  @Test
  void anEndlessLoginResponseStopsAtTheMaximumMessageSizeWithATypedError() throws Exception {
    AtomicLong written = new AtomicLong();
    byte[] filler = packet(0x04, 0, new byte[4088]);
    try (ServerSocket server = hostile((in, out) -> {
      for (int i = 0; i < 64 * 256; i++) { // 64 MiB, never EOM
        out.write(filler);
        written.addAndGet(filler.length);
      }
    })) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.getLocalPort()).maxMessageSize(1 << 20).build()))
          .isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
            assertThat(e.limit()).isEqualTo(1 << 20);
            assertThat(e.advice()).contains("maxMessageSize").contains("executeStreaming");
          });
      MisbehavingServerTest.sleep(300);
      // The client stopped reading at the limit: at most the limit plus what socket buffers took in.
      assertThat(written.get()).isLessThan(32L << 20);
    }
  }

  @Test
  void theDefaultMaximumMessageSizeIsModest() {
    assertThat(ConnectionConfig.builder().host("h").build().maxMessageSize()).isEqualTo(ConnectionConfig.DEFAULT_MAX_MESSAGE_SIZE)
        .isLessThanOrEqualTo(64 << 20);
  }

  @Test
  void aTokenDeclaringMoreBytesThanTheMessageHoldsIsAProtocolError() throws Exception {
    // ENVCHANGE with a 16-bit length of 65535 in a 12-byte message
    byte[] payload = {(byte) 0xE3, (byte) 0xFF, (byte) 0xFF, 1, 6, 'm', 0, 'a', 0, 's', 0};
    try (ServerSocket server = hostile((in, out) -> out.write(packet(0x04, 1, payload)))) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.getLocalPort()).build()))
          .isInstanceOf(TdsProtocolException.class).hasMessageContaining("ENVCHANGE");
    }
  }

  @Test
  void aPacketHeaderDeclaringAHugePacketIsRefusedBeforeAllocating() throws Exception {
    byte[] header = {0x04, 0x00, (byte) 0xFF, (byte) 0xFF, 0, 0, 1, 0};
    try (ServerSocket server = hostile((in, out) -> {
      out.write(header);
      MisbehavingServerTest.sleep(2_000);
    })) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.getLocalPort()).build()))
          .isInstanceOf(TdsProtocolException.class).hasMessageContaining("exceeds the packet size");
    }
  }

  @Test
  void aResponseCutInTheMiddleOfAPacketIsAConnectionError() throws Exception {
    byte[] whole = packet(0x04, 1, new byte[100]);
    try (ServerSocket server = hostile((in, out) -> out.write(Arrays.copyOf(whole, 50)))) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.getLocalPort()).build()))
          .isInstanceOf(TdsConnectionException.class).hasMessageContaining("closed the connection");
    }
  }

  @Test
  void aLoginResponseWithAnAbsurdPacketSizeIsAProtocolError() throws Exception {
    byte[] payload = new TokenEncoder(TdsVersion.V7_4).encode(
        new LoginAck(1, TdsVersion.V7_4.code(), "evil", 16, 0, 1),
        new EnvChange.Text(EnvChangeType.PACKET_SIZE, "99999999", "4096"),
        Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0));
    try (ServerSocket server = hostile((in, out) -> {
      out.write(packet(0x04, 1, payload));
      MisbehavingServerTest.sleep(2_000);
    })) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.getLocalPort()).build()))
          .isInstanceOf(TdsProtocolException.class).hasMessageContaining("packet size");
    }
  }

  @Test
  void aRoutingRedirectToAnEmptyHostIsATypedError() throws Exception {
    byte[] payload = new TokenEncoder(TdsVersion.V7_4).encode(
        new LoginAck(1, TdsVersion.V7_4.code(), "evil", 16, 0, 1),
        new EnvChange.Routing(0, 0, ""),
        Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0));
    try (ServerSocket server = hostile((in, out) -> {
      out.write(packet(0x04, 1, payload));
      MisbehavingServerTest.sleep(2_000);
    })) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.getLocalPort()).build()))
          .isInstanceOf(TdsException.class);
    }
  }
}
