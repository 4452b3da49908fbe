package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import io.tdstls.tls.pki.KeyType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's server with every protocol and suite this JVM has enabled (SSL 3.0, RC4, 3DES,
 * EXPORT, NULL, anon), which OpenSSL on Debian cannot serve. Runs only in the {@code weak-tls}
 * surefire execution, whose security file disables nothing; elsewhere it fails rather than skip.
 */
class WeakJsseEndpointTest {

  static TdsServer server;
  static ProbeReport report;

  @BeforeAll
  static void start() throws Exception {
    assertThat(List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()))
        .as("this test needs the weak-tls surefire execution (weak-tls.java.security disables nothing)")
        .contains("SSL_RSA_WITH_RC4_128_SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
    HeldCertificate rsa = TestCertificates.longLived().commonName("localhost").addDnsName("localhost").serverAuth()
        .keyType(KeyType.RSA_2048).signedBy(TestCertificates.ROOT).build(); // static RSA, RC4-SHA and friends need RSA
    ServerEngineFactory engines = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(rsa.certifiedKey()).build());
    server = Endpoint.start(path -> {
      SSLEngine e = engines.newEngine(path);
      e.setEnabledProtocols(Arrays.stream(e.getSupportedProtocols()).filter(p -> !p.equals("SSLv2Hello"))
          .toArray(String[]::new));
      e.setEnabledCipherSuites(e.getSupportedCipherSuites());
      return e;
    }, ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);
    report = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build()).probe(Endpoint.target(server));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void legacyProtocolsAndBrokenSuitesAreFindingsOnTheTds7Path() {
    List<String> tds7 = report.findings().stream().filter(f -> f.title().contains("inside TDS 7.x"))
        .map(Finding::id).toList();
    assertThat(tds7).contains("sslv3", "legacy-tls", "rc4", "sweet32", "export-suites", "anonymous-suites",
        "null-cipher", "beast");
    assertThat(report.gradeIgnoringTrust()).isEqualTo("F");
    assertThat(report.grade()).isEqualTo("T"); // the test root is not in the system store
  }

  @Test
  void theRawScanSeesWhatThisJvmsClientCouldNotOffer() {
    PathScan scan = report.scan(ScanPath.TDS7).orElseThrow();
    assertThat(scan.accepts(WireVersion.SSL_3_0)).isTrue();
    List<String> names = scan.suites().stream().map(s -> s.suite().name()).toList();
    assertThat(names).contains("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "TLS_DH_anon_WITH_AES_128_CBC_SHA");
    assertThat(scan.suites()).filteredOn(s -> s.suite().name().equals("TLS_RSA_WITH_RC4_128_SHA"))
        .allSatisfy(s -> assertThat(s.grade()).isEqualTo("C"));
  }
}
