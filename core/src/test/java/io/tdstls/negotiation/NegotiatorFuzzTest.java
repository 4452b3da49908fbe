package io.tdstls.negotiation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tdstls.error.TdsException;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of both negotiators fed arbitrary peer bytes, in pieces of
 * arbitrary sizes: a {@link TdsException} (or an orderly end) is the only allowed outcome; any
 * other exception or a hang is a finding. In a normal build these run over the seed corpora in
 * {@code NegotiatorFuzzTestInputs/<method>/}; {@code fuzz/run} fuzzes them for a while.
 */
class NegotiatorFuzzTest {

  private static final ServerEncryption[] ENCRYPTION = ServerEncryption.values();
  private static final StrictPolicy[] STRICT = StrictPolicy.values();
  private static final EncryptMode[] MODES = EncryptMode.values();
  private static final ClientCertPolicy[] CLIENT_CERT = ClientCertPolicy.values();

  @FuzzTest(maxDuration = "10s")
  void serverNegotiatorOnArbitraryClientBytes(FuzzedDataProvider data) throws Exception {
    TestTls.init();
    ServerEncryption encryption = data.pickValue(ENCRYPTION);
    StrictPolicy strict = encryption == ServerEncryption.NOT_SUPPORTED ? StrictPolicy.DISABLED : data.pickValue(STRICT);
    ServerPolicy policy = new ServerPolicy(encryption, data.pickValue(CLIENT_CERT), strict);
    ServerNegotiator server = new ServerNegotiator(policy, Pump.SERVER_PRELOGIN, TestTls.serverEngines(), 1 << 16, 1 << 15);
    try {
      while (data.remainingBytes() > 0 && server.state() != ServerState.FINAL) {
        server.receive(ByteBuffer.wrap(data.consumeBytes(data.consumeInt(1, 5000))));
        if (server.state() == ServerState.LOGIN7_RECEIVED) {
          server.poll();
          server.send(new TdsMessage(io.tdstls.protocol.packet.PacketType.TABULAR_RESULT, new byte[] {(byte) 0xFD}));
          server.loginAccepted(data.pickValue(new int[] {512, 4096, 32767}));
        }
        while (server.state() == ServerState.LOGGED_IN && server.poll() != null) {
          server.send(new TdsMessage(io.tdstls.protocol.packet.PacketType.TABULAR_RESULT, new byte[] {(byte) 0xFD}));
        }
      }
    } catch (TdsException expected) {
      // a typed error is the right answer to bad input
    }
  }

  @FuzzTest(maxDuration = "10s")
  void clientNegotiatorOnArbitraryServerBytes(FuzzedDataProvider data) throws Exception {
    TestTls.init();
    ClientNegotiator client = new ClientNegotiator(data.pickValue(MODES), PreLogin.of(new Version(1, 0, 0, 0)),
        TestTls.clientEngines(), outcome -> "LOGIN7".getBytes(StandardCharsets.US_ASCII), 1 << 16);
    try {
      client.start();
      while (data.remainingBytes() > 0 && client.state() != ClientState.FINAL) {
        client.receive(ByteBuffer.wrap(data.consumeBytes(data.consumeInt(1, 5000))));
        if (client.state() == ClientState.SENT_LOGIN7 && client.poll() != null) {
          client.loginAccepted(data.pickValue(new int[] {512, 4096, 32767}));
        }
        while (client.state() == ClientState.LOGGED_IN && client.poll() != null) {
          // drain
        }
      }
    } catch (TdsException expected) {
      // a typed error is the right answer to bad input
    }
  }
}
