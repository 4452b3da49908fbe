package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsException.Kind;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client and server cores pumped against each other in memory, for every client mode and
 * every server setting, with the bytes delivered whole, in 7-byte pieces and in 1-byte pieces
 * (so every packet header and TLS record header is split across reads).
 */
class ClientServerNegotiationTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  /** mode, server encryption, strict policy, expected outcome (or null), expected client failure (or null). */
  static Stream<Arguments> cells() {
    Object[][] table = {
      {EncryptMode.OFF, ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED, Outcome.NONE, null},
      {EncryptMode.OFF, ServerEncryption.FORCED, StrictPolicy.ALLOWED, null, Kind.ENCRYPTION_REQUIRED},
      {EncryptMode.OFF, ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED, Outcome.NONE, null},
      {EncryptMode.OFF, ServerEncryption.AVAILABLE, StrictPolicy.REQUIRED, null, Kind.ENCRYPTION_REQUIRED},
      {EncryptMode.OPTIONAL, ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED, Outcome.LOGIN_ONLY, null},
      {EncryptMode.OPTIONAL, ServerEncryption.FORCED, StrictPolicy.ALLOWED, Outcome.FULL, null},
      {EncryptMode.OPTIONAL, ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED, Outcome.NONE, null},
      {EncryptMode.OPTIONAL, ServerEncryption.AVAILABLE, StrictPolicy.REQUIRED, Outcome.FULL, null},
      {EncryptMode.MANDATORY, ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED, Outcome.FULL, null},
      {EncryptMode.MANDATORY, ServerEncryption.FORCED, StrictPolicy.ALLOWED, Outcome.FULL, null},
      {EncryptMode.MANDATORY, ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED, null, Kind.ENCRYPTION_NOT_SUPPORTED},
      {EncryptMode.MANDATORY, ServerEncryption.AVAILABLE, StrictPolicy.REQUIRED, Outcome.FULL, null},
      {EncryptMode.STRICT, ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED, Outcome.STRICT, null},
      {EncryptMode.STRICT, ServerEncryption.FORCED, StrictPolicy.ALLOWED, Outcome.STRICT, null},
      {EncryptMode.STRICT, ServerEncryption.AVAILABLE, StrictPolicy.REQUIRED, Outcome.STRICT, null},
      {EncryptMode.STRICT, ServerEncryption.AVAILABLE, StrictPolicy.DISABLED, null, Kind.CONNECTION},
      {EncryptMode.STRICT, ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED, null, Kind.CONNECTION},
    };
    List<Arguments> args = new ArrayList<>();
    for (int chunk : new int[] {1 << 20, 7, 1}) {
      for (Object[] row : table) {
        args.add(Arguments.of(row[0], row[1], row[2], row[3], row[4], chunk));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} x {1}/strict {2} -> {3}{4} (chunks of {5})")
  @MethodSource("cells")
  void everyModeAgainstEveryServerSetting(
      EncryptMode mode, ServerEncryption enc, StrictPolicy strict, Outcome expected, Kind failure, int chunk)
      throws Exception {
    Pump pump = new Pump(mode, new ServerPolicy(enc, ClientCertPolicy.MS_TDS, strict), chunk).run();

    if (failure != null) {
      assertThat(pump.clientError).as("client error").isNotNull();
      assertThat(pump.clientError.kind()).isEqualTo(failure);
      assertThat(pump.client.state()).isEqualTo(ClientState.FINAL);
      assertThat(pump.passwordInClearOnWire()).as("password on the wire").isFalse();
      assertThat(pump.server.state()).isNotIn(ServerState.LOGIN7_RECEIVED, ServerState.LOGGED_IN);
      return;
    }
    assertThat(pump.clientError).as("client error").isNull();
    assertThat(pump.serverError).as("server error").isNull();
    assertThat(pump.client.state()).isEqualTo(ClientState.LOGGED_IN);
    assertThat(pump.server.state()).isEqualTo(ServerState.LOGGED_IN);
    assertThat(pump.client.negotiated().outcome()).isEqualTo(expected);
    assertThat(pump.server.negotiated().outcome()).isEqualTo(expected);

    // The password crosses the wire in clear exactly when nothing was negotiated.
    assertThat(pump.passwordInClearOnWire()).as("password in clear").isEqualTo(expected == Outcome.NONE);

    String echoed = pump.roundTrip("SELECT 42");
    assertThat(echoed).isEqualTo("echo SELECT 42");
    boolean requestInClear = new String(pump.clientWire.toByteArray(), StandardCharsets.ISO_8859_1).contains("SELECT 42");
    assertThat(requestInClear).as("request in clear").isEqualTo(!expected.encryptsSession());

    if (expected == Outcome.NONE) {
      assertThat(pump.client.negotiated().tlsInfo()).isEmpty();
    } else {
      TlsInfo tls = pump.client.negotiated().tlsInfo().orElseThrow();
      assertThat(tls.protocol()).isEqualTo(expected == Outcome.STRICT ? "TLSv1.3" : "TLSv1.2");
      assertThat(tls.alpn()).isEqualTo(expected == Outcome.STRICT ? "tds/8.0" : "");
      assertThat(tls.peerCertificates()).hasSize(1);
      assertThat(pump.server.negotiated().tlsInfo().orElseThrow().sniHostName()).isEqualTo("localhost");
    }
  }
}
