package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client TLS session resumption: with both client providers, against both server providers, on
 * the TDS 7.x path (TLS 1.2) and the strict path (TLS 1.2 and 1.3), a later connection of the same
 * configuration resumes the session, and none does when resumption is turned off.
 */
class SessionResumptionTest {

  @TempDir static Path dir;
  static Pki pki;
  static Path ca;

  @BeforeAll
  static void generate() {
    pki = new Pki(dir);
    ca = pki.caFile();
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (ClientTlsProvider client : ClientTlsProvider.values()) {
      for (TlsProvider server : TlsProvider.values()) {
        all.add(Arguments.of(client, server, EncryptMode.MANDATORY, TlsVersion.TLS_1_2));
        all.add(Arguments.of(client, server, EncryptMode.STRICT, TlsVersion.TLS_1_2));
        all.add(Arguments.of(client, server, EncryptMode.STRICT, TlsVersion.TLS_1_3));
      }
    }
    return all.stream();
  }

  static ConnectionConfig config(int port, ClientTlsProvider provider, EncryptMode mode, TlsVersion version,
      boolean resume) {
    TlsConfig tls = TlsConfig.builder().caFile(ca).mode(mode).maxProtocolVersion(version).sessionResumption(resume).build();
    return LoopbackTlsTest.config(port, tls).toBuilder().tlsProvider(provider).build();
  }

  /** Connects, runs a query (so a TLS 1.3 ticket sent after the handshake is read), and closes. */
  static SessionReport connectOnce(ConnectionConfig config, String version) throws Exception {
    try (TdsSession s = TdsClient.connect(config)) {
      s.execute("SELECT 1");
      assertThat(s.report().tls().orElseThrow().protocol()).isEqualTo(version);
      return s.report();
    }
  }

  @ParameterizedTest(name = "client {0}, server {1}, {2}, {3}")
  @MethodSource("cases")
  void laterConnectionsResume(ClientTlsProvider client, TlsProvider server, EncryptMode mode, TlsVersion version)
      throws Exception {
    try (TdsServer s = OpenSslClientTest.start(pki.serverTls(pki.server), server)) {
      ConnectionConfig config = config(s.port(), client, mode, version, true);
      SessionReport first = connectOnce(config, version.javaName());
      SessionReport second = connectOnce(config, version.javaName());
      SessionReport third = connectOnce(config, version.javaName());
      assertThat(first.sessionResumed()).as("first connection").isFalse();
      assertThat(second.sessionResumed()).as("second connection").isTrue();
      assertThat(third.sessionResumed()).as("third connection").isTrue();
      assertThat(second.tlsProvider()).isEqualTo(client.label());
      assertThat(second.describe()).contains("session resumed");
      assertThat(second.tls().orElseThrow().alpn()).isEqualTo(mode == EncryptMode.STRICT ? "tds/8.0" : "");
    }
  }

  @ParameterizedTest(name = "client {0}")
  @org.junit.jupiter.params.provider.EnumSource(ClientTlsProvider.class)
  void theHostNameIsCheckedWithResumptionOff(ClientTlsProvider client) throws Exception {
    try (TdsServer s = OpenSslClientTest.start(pki.serverTls(pki.wrongHostServer), TlsProvider.JDK)) {
      for (EncryptMode mode : new EncryptMode[] {EncryptMode.MANDATORY, EncryptMode.STRICT}) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TdsClient.connect(config(s.port(), client, mode, TlsVersion.TLS_1_3, false)))
            .as(mode.label()).isInstanceOfSatisfying(io.tdstls.error.HostnameVerificationException.class,
                e -> assertThat(e.expected()).isEqualTo("localhost"));
      }
    }
  }

  @ParameterizedTest(name = "client {0}, server {1}, {2}, {3}")
  @MethodSource("cases")
  void noResumptionWhenTurnedOff(ClientTlsProvider client, TlsProvider server, EncryptMode mode, TlsVersion version)
      throws Exception {
    try (TdsServer s = OpenSslClientTest.start(pki.serverTls(pki.server), server)) {
      ConnectionConfig config = config(s.port(), client, mode, version, false);
      TdsClient shared = new TdsClient(config);
      for (int i = 0; i < 3; i++) {
        try (TdsSession session = shared.connect()) {
          session.execute("SELECT 1");
          assertThat(session.report().sessionResumed()).as("connection " + (i + 1)).isFalse();
          assertThat(session.report().describe()).contains("full handshake");
          assertThat(session.execute("SELECT * FROM tdstls.negotiation").firstTable().rows())
              .as("SNI reaches the server").contains(List.of("sni", "localhost"));
        }
      }
    }
  }
}
