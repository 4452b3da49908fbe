package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.0 and 1.1 inside TDS 7.x. Runs only in the {@code legacy-tls} surefire execution, whose
 * JVM security file allows them; elsewhere it fails rather than skip.
 */
class LegacyTlsProbeTest {

  @BeforeEach
  void jvmAllowsLegacyTls() {
    assertThat(ProbeTls.testable(TlsVersion.TLS_1_0))
        .as("this test needs the legacy-tls surefire execution (jdk.tls.disabledAlgorithms without TLSv1)").isTrue();
  }

  static ProbeReport probe(boolean serverAllowsLegacy) throws Exception {
    ServerTlsConfig.Builder tls = ServerTlsConfig.builder().certifiedKey(TestCertificates.SERVER.certifiedKey());
    if (serverAllowsLegacy) {
      tls.enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_0);
    }
    ServerEngineFactory engines = new ServerEngineFactory(tls.build());
    try (TdsServer server = Endpoint.start(engines::newEngine, ServerEncryption.FORCED, ClientCertPolicy.MS_TDS,
        StrictPolicy.DISABLED)) {
      return new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build()).probe(Endpoint.target(server));
    }
  }

  static TlsAttemptStatus status(ProbeReport r, TlsVersion v) {
    return r.tls7().stream().filter(a -> a.version() == v).findFirst().orElseThrow().status();
  }

  @Test
  void legacyVersionsAcceptedAreFindings() throws Exception {
    ProbeReport r = probe(true);

    assertThat(status(r, TlsVersion.TLS_1_0)).isEqualTo(TlsAttemptStatus.ACCEPTED);
    assertThat(status(r, TlsVersion.TLS_1_1)).isEqualTo(TlsAttemptStatus.ACCEPTED);
    List<String> titles = r.findings().stream().filter(f -> f.id().equals("legacy-tls")).map(Finding::title).toList();
    assertThat(titles).containsExactlyInAnyOrder("TLS 1.0 accepted (inside TDS 7.x PRELOGIN)",
        "TLS 1.1 accepted (inside TDS 7.x PRELOGIN)");
  }

  @Test
  void legacyVersionsRefusedByADefaultServer() throws Exception {
    ProbeReport r = probe(false);

    assertThat(status(r, TlsVersion.TLS_1_0)).isEqualTo(TlsAttemptStatus.REFUSED);
    assertThat(status(r, TlsVersion.TLS_1_1)).isEqualTo(TlsAttemptStatus.REFUSED);
    assertThat(r.findings()).extracting(Finding::id).doesNotContain("legacy-tls");
  }
}
