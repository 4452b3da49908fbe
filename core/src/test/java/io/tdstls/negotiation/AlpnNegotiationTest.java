package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ALPN on the strict path, core to core: the server refuses an offer without {@code tds/8.0} (and a
 * missing one when required) with the alert {@code no_application_protocol}, however the
 * ClientHello is cut up; the client refuses a server that selects another protocol.
 */
class AlpnNegotiationTest {

  static final byte[] ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x78};
  static final ServerPolicy OPTIONAL = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);
  static final ServerPolicy REQUIRED = OPTIONAL.withAlpn(AlpnPolicy.REQUIRED);

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  /** Client engines offering exactly these protocols on the strict path. */
  static TlsEngineSource offering(String... protocols) {
    return path -> {
      SSLEngine e = TestTls.clientEngines().newEngine(path);
      SSLParameters p = e.getSSLParameters();
      p.setApplicationProtocols(protocols);
      e.setSSLParameters(p);
      return e;
    };
  }

  static boolean endsWithAlert(byte[] wire) {
    return wire.length >= ALERT.length && Arrays.equals(Arrays.copyOfRange(wire, wire.length - ALERT.length, wire.length), ALERT);
  }

  @ParameterizedTest(name = "ClientHello in chunks of {0}")
  @ValueSource(ints = {1, 7, 100, 65536})
  void aForeignOfferIsRefusedWithNoApplicationProtocol(int chunk) {
    Pump p = new Pump(EncryptMode.STRICT, OPTIONAL, chunk, offering("h2"), TestTls.serverEngines()).run();
    assertThat(p.server.state()).isEqualTo(ServerState.FINAL);
    assertThat(p.server.failure().getMessage()).contains("[h2]").contains("no_application_protocol");
    assertThat(endsWithAlert(p.serverWire.toByteArray())).as("the server's only answer is the alert").isTrue();
    assertThat(p.serverWire.size()).isEqualTo(ALERT.length);
    assertThat(p.clientError).isNotNull();
    assertThat(p.clientError.kind()).isEqualTo(TdsException.Kind.TLS_HANDSHAKE);
  }

  @Test
  void aMissingOfferIsServedByDefaultAndRefusedWhenRequired() {
    Pump served = new Pump(EncryptMode.STRICT, OPTIONAL, 50, offering(), TestTls.serverEngines()).run();
    assertThat(served.client.state()).isEqualTo(ClientState.LOGGED_IN);
    assertThat(served.server.negotiated().tlsInfo().orElseThrow().alpn()).isEmpty();

    Pump refused = new Pump(EncryptMode.STRICT, REQUIRED, 50, offering(), TestTls.serverEngines()).run();
    assertThat(refused.server.failure().getMessage()).contains("offered no ALPN");
    assertThat(endsWithAlert(refused.serverWire.toByteArray())).isTrue();
  }

  @Test
  void tdsAmongOtherOffersIsSelectedUnderEitherPolicy() {
    for (ServerPolicy policy : new ServerPolicy[] {OPTIONAL, REQUIRED}) {
      Pump p = new Pump(EncryptMode.STRICT, policy, 300, offering("h2", "tds/8.0", "http/1.1"), TestTls.serverEngines()).run();
      assertThat(p.client.state()).isEqualTo(ClientState.LOGGED_IN);
      assertThat(p.client.negotiated().tlsInfo().orElseThrow().alpn()).isEqualTo("tds/8.0");
    }
  }

  @Test
  void theClientRefusesAServerSelectingAnotherProtocol() {
    TlsEngineSource selectsH2 = path -> {
      SSLEngine e = TestTls.serverEngines().newEngine(path);
      e.setHandshakeApplicationProtocolSelector((engine, offered) -> "h2");
      return e;
    };
    Pump p = new Pump(EncryptMode.STRICT, OPTIONAL, 4096, offering("tds/8.0", "h2"), selectsH2).run();
    assertThat(p.clientError).isNotNull();
    assertThat(p.clientError.kind()).isEqualTo(TdsException.Kind.TLS_HANDSHAKE);
    assertThat(p.clientError.getMessage()).contains("'h2'").contains("not tds/8.0");
    assertThat(p.passwordInClearOnWire()).isFalse();
  }
}
