package io.tdstls.bench.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.TdsServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each connector logs in to our server in its mode (and checks the outcome), with both TLS providers. */
class ConnectorsTest {

  @TempDir static Path dir;
  static BenchPki pki;

  @BeforeAll
  static void generate() {
    pki = BenchPki.generate(dir);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(LoginMode.class)
  void ourClientLogsInWithTheJdkProvider(LoginMode mode) throws Exception {
    try (TdsServer server = BenchServers.start(pki, TlsProvider.JDK, BenchServers.diagnosticSessions(), 10)) {
      assertThatCode(() -> TdsConnectors.login(pki, server.port(), mode).connectOnce()).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = LoginMode.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void ourClientLogsInRepeatedlyWithTheOpenSslProvider(LoginMode mode) throws Exception {
    assertThat(TlsProvider.OPENSSL.isAvailable())
        .as("the OpenSSL provider (netty-tcnative-boringssl-static) must load on this platform: "
            + TlsProvider.OPENSSL.unavailabilityReason().orElse("")).isTrue();
    try (TdsServer server = BenchServers.start(pki, TlsProvider.OPENSSL, BenchServers.diagnosticSessions(), 10)) {
      Connector c = TdsConnectors.login(pki, server.port(), mode);
      // the second and third connections resume the TLS session: OpenSSL then finishes the
      // handshake on the client's Finished, which the engine driver must notice
      for (int i = 0; i < 3; i++) {
        assertThatCode(c::connectOnce).as("connection " + (i + 1)).doesNotThrowAnyException();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = LoginMode.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void theJdbcDriverLogsIn(LoginMode mode) throws Exception {
    try (TdsServer server = BenchServers.start(pki, TlsProvider.JDK, BenchServers.diagnosticSessions(), 10)) {
      assertThatCode(() -> JdbcConnectors.login(pki, server.port(), mode).connectOnce()).doesNotThrowAnyException();
    }
  }
}
