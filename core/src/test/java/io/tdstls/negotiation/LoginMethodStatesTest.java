package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsException.Kind;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three "Sent LOGIN7 record" states of [MS-TDS] 3.2.5.2, and the refusal of token and SSPI
 * logins unless the whole session is encrypted, asserted on the bytes the client put on the wire.
 */
class LoginMethodStatesTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({
    "SECURITY_TOKEN, MANDATORY", "SECURITY_TOKEN, STRICT",
    "FEDAUTH_INFO_REQUEST, MANDATORY", "FEDAUTH_INFO_REQUEST, STRICT",
    "SSPI, MANDATORY", "SSPI, STRICT", "SQL_PASSWORD, OPTIONAL"})
  void eachMethodEntersItsLoginStateAndLogsIn(LoginMethod method, EncryptMode mode) {
    Pump pump = new Pump(mode, new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
        StrictPolicy.ALLOWED), 7, method).run();
    assertThat(pump.clientError).isNull();
    assertThat(pump.client.state()).isEqualTo(ClientState.LOGGED_IN);
    assertThat(pump.passwordInClearOnWire()).isFalse();
    switch (method) {
      case SSPI:
        assertThat(pump.stateAtChallenge).isEqualTo(ClientState.SENT_LOGIN7_SPNEGO);
        assertThat(pump.continuationType).isEqualTo(PacketType.SSPI);
        break;
      case FEDAUTH_INFO_REQUEST:
        assertThat(pump.stateAtChallenge).isEqualTo(ClientState.SENT_LOGIN7_FEDAUTH_INFO_REQUEST);
        assertThat(pump.continuationType).isEqualTo(PacketType.FEDAUTH_TOKEN);
        break;
      default:
        assertThat(pump.stateAtChallenge).isNull();
        assertThat(pump.continuationType).isNull();
    }
  }

  @ParameterizedTest(name = "{0} with login-only encryption is refused before LOGIN7")
  @EnumSource(value = LoginMethod.class, names = {"SECURITY_TOKEN", "FEDAUTH_INFO_REQUEST", "SSPI"})
  void loginOnlyRefusesTokenAndSspiBeforeSendingLogin7(LoginMethod method) {
    Pump pump = new Pump(EncryptMode.OPTIONAL, new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
        StrictPolicy.ALLOWED), 1 << 20, method).run();
    assertThat(pump.clientError).isNotNull();
    assertThat(pump.clientError.kind()).isEqualTo(Kind.ENCRYPTION_REQUIRED);
    assertThat(pump.clientError.getMessage()).contains(method.label()).contains("login-only");
    assertThat(pump.client.negotiated().outcome()).isEqualTo(Outcome.LOGIN_ONLY);
    assertThat(pump.server.state()).isNotIn(ServerState.LOGIN7_RECEIVED, ServerState.LOGGED_IN);
    // The wire: only PRELOGIN packets (the PRELOGIN itself and the TLS handshake inside PRELOGIN
    // packets); no TLS application-data record carrying a LOGIN7 packet.
    assertThat(packetTypes(pump.clientWire.toByteArray())).containsOnly(0x12).hasSizeGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest(name = "{0} without encryption is refused before LOGIN7")
  @EnumSource(value = LoginMethod.class, names = {"SECURITY_TOKEN", "FEDAUTH_INFO_REQUEST", "SSPI"})
  void noEncryptionRefusesTokenAndSspi(LoginMethod method) {
    Pump pump = new Pump(EncryptMode.OPTIONAL, new ServerPolicy(ServerEncryption.NOT_SUPPORTED,
        ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED), 1 << 20, method).run();
    assertThat(pump.clientError.kind()).isEqualTo(Kind.ENCRYPTION_REQUIRED);
    assertThat(packetTypes(pump.clientWire.toByteArray())).containsExactly(0x12);
  }

  /** Walks the bytes as cleartext TDS packets and returns their types; fails on anything else. */
  private static List<Integer> packetTypes(byte[] wire) {
    List<Integer> types = new ArrayList<>();
    int at = 0;
    while (at < wire.length) {
      assertThat(wire.length - at).as("a whole packet header at " + at).isGreaterThanOrEqualTo(8);
      int type = wire[at] & 0xFF;
      int length = (wire[at + 2] & 0xFF) << 8 | (wire[at + 3] & 0xFF);
      assertThat(length).as("packet length at " + at).isBetween(8, wire.length - at);
      types.add(type);
      at += length;
    }
    return types;
  }
}
