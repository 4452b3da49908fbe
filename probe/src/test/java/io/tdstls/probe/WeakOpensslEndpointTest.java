package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weak endpoint made by the test: {@code openssl s_server} with every OpenSSL suite at security
 * level 0, 1024-bit DH and an expired RSA-1024 SHA-1 certificate, behind a TDS 7.x PRELOGIN relay.
 * The probe's findings are asserted, and its suite list is compared with nmap's ssl-enum-ciphers
 * on the same ports: every suite nmap lists must be in the probe's list.
 */
class WeakOpensslEndpointTest {

  @TempDir static Path dir;
  static OpensslServer openssl;
  static PreloginRelay relay;
  static ProbeReport tds;

  @BeforeAll
  static void start() throws Exception {
    openssl = new OpensslServer(dir);
    relay = new PreloginRelay(openssl.port());
    tds = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build())
        .probe(new Target("127.0.0.1", relay.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
    if (openssl != null) {
      openssl.close();
    }
  }

  static List<String> ids(ProbeReport r) {
    return r.findings().stream().map(Finding::id).toList();
  }

  @Test
  void everyWeaknessOfTheEndpointIsAFinding() {
    assertThat(ids(tds)).contains("legacy-tls", "null-cipher", "anonymous-suites", "weak-dh", "beast",
        "static-key-exchange", "weak-key", "weak-signature", "expired", "self-signed", "hostname-mismatch",
        "tls13-in-tds7");
    assertThat(ids(tds)).doesNotContain("no-fallback-scsv", "insecure-renegotiation", "sslv3", "rc4");
    assertThat(tds.grade()).isEqualTo("T");
    assertThat(tds.gradeIgnoringTrust()).isEqualTo("F");
  }

  @Test
  void theCertificateComesFromTheRawHandshake() {
    CertificateFacts c = tds.certificateFacts().orElseThrow();
    assertThat(c.keyBits()).isEqualTo(1024);
    assertThat(c.signatureAlgorithm()).containsIgnoringCase("SHA1");
    assertThat(c.daysLeft()).isNegative();
  }

  @Test
  void suitesCarryTheirKeyExchangeAndGrade() {
    PathScan scan = tds.scan(ScanPath.TDS7).orElseThrow();
    SuiteResult dhe = scan.suites().stream()
        .filter(s -> s.suite().name().equals("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")).findFirst().orElseThrow();
    assertThat(dhe.keyBits()).isEqualTo(1024);
    assertThat(dhe.keyExchange()).isEqualTo("dh 1024");
    assertThat(dhe.grade()).isEqualTo("C");
    SuiteResult rsa = scan.suites().stream()
        .filter(s -> s.suite().name().equals("TLS_RSA_WITH_AES_128_CBC_SHA")).findFirst().orElseThrow();
    assertThat(rsa.keyExchange()).isEqualTo("rsa 1024");
    assertThat(scan.curves()).contains(NamedGroup.SECP256R1, NamedGroup.X25519);
    assertThat(scan.tls13Groups()).contains(NamedGroup.X25519, NamedGroup.FFDHE2048);
    assertThat(scan.fallbackScsv()).isTrue();
    assertThat(scan.secureRenegotiation()).isTrue();
  }

  @Test
  void textAndJsonCarryTheSameFindingsAndEverySuite() throws Exception {
    String text = ReportText.render(List.of(tds), false);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReportJson.render(List.of(tds)));
    var target = doc.get("targets").get(0);
    assertThat(target.get("grade").asText()).isEqualTo(tds.grade());
    assertThat(target.get("elapsedMillis").asLong()).isPositive();
    assertThat(target.get("findings")).hasSize(tds.findings().size());
    for (var f : target.get("findings")) {
      assertThat(text).contains(f.get("title").asText()).contains("fix: " + f.get("fix").asText());
    }
    var scan = target.get("scans").get(0);
    assertThat(scan.get("path").asText()).isEqualTo("tds7");
    int suites = 0;
    for (var v : scan.get("versions")) {
      for (var s : v.get("suites")) {
        suites++;
        assertThat(s.get("version").asText()).isEqualTo(v.get("version").asText());
        assertThat(s.get("grade").asText()).isIn("A", "B", "C", "F");
        assertThat(s.get("keyBits").asInt()).isPositive();
        assertThat(text).contains(s.get("name").asText() + " (" + s.get("keyExchange").asText() + ") - "
            + s.get("grade").asText());
      }
    }
    assertThat(suites).isEqualTo(tds.scan(ScanPath.TDS7).orElseThrow().suites().size());
  }

  @Test
  void everySuiteNmapListsInsideTdsIsInTheProbesList() throws Exception {
    String out = Nmap.sslEnumCiphers(relay.port(), true, dir);
    Set<String> nmap = Nmap.suites(out);
    assertThat(nmap).as("nmap found suites inside TDS PRELOGIN:\n" + out).hasSizeGreaterThan(20);
    Set<String> probe = tds.scan(ScanPath.TDS7).orElseThrow().suites().stream().map(s -> s.suite().name())
        .collect(Collectors.toSet());
    assertThat(probe).containsAll(nmap);
  }

  @Test
  void everySuiteNmapListsOnPlainTlsIsInTheProbesStrictList() throws Exception {
    String out = Nmap.sslEnumCiphers(openssl.port(), false, dir);
    Set<String> nmap = Nmap.suites(out);
    assertThat(nmap).as("nmap found suites:\n" + out).hasSizeGreaterThan(20);
    ProbeReport plain = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build())
        .probe(new Target("127.0.0.1", openssl.port()));
    assertThat(plain.posture()).isEqualTo(EncryptionPosture.TLS_SERVICE);
    assertThat(plain.strict().support()).isEqualTo(StrictSupport.TLS_NOT_TDS);
    assertThat(ids(plain)).contains("tls-not-tds").doesNotContain("strict-unsupported");
    Set<String> probe = plain.scan(ScanPath.STRICT).orElseThrow().suites().stream().map(s -> s.suite().name())
        .collect(Collectors.toSet());
    assertThat(probe).containsAll(nmap);
  }
}
