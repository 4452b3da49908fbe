package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.EncryptionNotSupportedException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.PasswordObfuscation;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tampering relay between our client and our server rewrites the server's ENCRYPTION reply to
 * ENCRYPT_NOT_SUP. A mandatory client must fail before LOGIN7, and the password must never cross
 * the wire, in any form.
 */
class DowngradeRelayTest {

  @TempDir Path dir;

  @Test
  void mandatoryClientRefusesTheDowngradeAndThePasswordNeverCrossesTheWire() throws Exception {
    Pki pki = new Pki(dir);
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.FORCED, StrictPolicy.DISABLED);
        TamperingRelay relay = new TamperingRelay(server.port(), EncryptionValue.NOT_SUP)) {
      ConnectionConfig config = ConnectionConfig.builder().host("localhost").port(relay.port())
          .user(LoopbackServer.USER).password(LoopbackServer.PASSWORD.toCharArray())
          .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(pki.caFile()).build()).build();

      assertThatThrownBy(() -> TdsClient.connect(config)).isInstanceOf(EncryptionNotSupportedException.class);

      byte[] sent = relay.clientBytes();
      assertThat(sent).as("the PRELOGIN request went out").isNotEmpty();
      assertThat(sent[0]).as("only PRELOGIN packets").isEqualTo((byte) 0x12);
      byte[] utf16 = LoopbackServer.PASSWORD.getBytes(StandardCharsets.UTF_16LE);
      assertThat(TamperingRelay.contains(sent, utf16)).as("password in UTF-16").isFalse();
      assertThat(TamperingRelay.contains(sent, PasswordObfuscation.obfuscate(LoopbackServer.PASSWORD)))
          .as("password obfuscated as in LOGIN7").isFalse();
      assertThat(TamperingRelay.contains(sent, LoopbackServer.PASSWORD.getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
  }

  @Test
  void theSameRelayHarvestsAnOptionalClientsPassword() throws Exception {
    // The contrast proving the relay works: an optional client is talked into a cleartext login,
    // and the obfuscated password is on the wire. This is why mandatory is the default.
    Pki pki = new Pki(dir);
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.DISABLED);
        TamperingRelay relay = new TamperingRelay(server.port(), EncryptionValue.NOT_SUP)) {
      ConnectionConfig config = ConnectionConfig.builder().host("localhost").port(relay.port())
          .user(LoopbackServer.USER).password(LoopbackServer.PASSWORD.toCharArray())
          .tls(TlsConfig.builder().mode(EncryptMode.OPTIONAL).caFile(pki.caFile()).build()).build();
      try (TdsSession s = TdsClient.connect(config)) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.NONE);
      } catch (Exception serverRefusedCleartextAfterAll) {
        // the server expected TLS after answering OFF; what matters is what the client sent
      }
      assertThat(TamperingRelay.contains(relay.clientBytes(), PasswordObfuscation.obfuscate(LoopbackServer.PASSWORD)))
          .isTrue();
    }
  }
}
