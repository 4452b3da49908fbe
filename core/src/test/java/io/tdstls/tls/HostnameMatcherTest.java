package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.tls.pki.HeldCertificate;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

  static final HeldCertificate CA = HeldCertificate.builder().commonName("CA").certificateAuthority(0).build();

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
      "db.example.com, db.example.com, true",
      "DB.Example.COM, db.example.com, true",
      "db.example.com., db.example.com, true",
      "db.example.com, db.example.com., true",
      "db.example.com, db2.example.com, false",
      "*.example.com, db.example.com, true",
      "*.example.com, DB.EXAMPLE.COM, true",
      "*.example.com, example.com, false",
      "*.example.com, a.b.example.com, false",
      "*.example.com, .example.com, false",
      "*.com, example.com, false",
      "*.*.example.com, a.b.example.com, false",
      "db*.example.com, db1.example.com, false",
      "d*b.example.com, dxb.example.com, false",
      "a.*.example.com, a.b.example.com, false",
      "*, localhost, false",
  })
  void dnsNamePatterns(String pattern, String host, boolean expected) {
    assertThat(HostnameMatcher.matchesDnsName(pattern, host)).isEqualTo(expected);
  }

  @Test
  void commonNameIsUsedOnlyWithoutDnsSans() {
    HeldCertificate cnOnly = HeldCertificate.builder().commonName("legacy.example.com").signedBy(CA).build();
    assertThat(HostnameMatcher.matches(cnOnly.certificate(), "legacy.example.com")).isTrue();
    HeldCertificate cnAndSan = HeldCertificate.builder().commonName("legacy.example.com").addDnsName("new.example.com")
        .signedBy(CA).build();
    assertThat(HostnameMatcher.matches(cnAndSan.certificate(), "legacy.example.com")).isFalse();
    assertThat(HostnameMatcher.matches(cnAndSan.certificate(), "new.example.com")).isTrue();
    HeldCertificate cnAndIpSan = HeldCertificate.builder().commonName("legacy.example.com").addIpAddress("10.0.0.1")
        .signedBy(CA).build();
    assertThat(HostnameMatcher.matches(cnAndIpSan.certificate(), "legacy.example.com"))
        .as("an IP SAN is not a DNS SAN: the CN still counts").isTrue();
  }

  @Test
  void ipLiteralsMatchIpSansOnly() {
    HeldCertificate c = HeldCertificate.builder().commonName("10.0.0.5").addDnsName("10.0.0.6").addIpAddress("10.0.0.7")
        .addIpAddress("fe80::1").signedBy(CA).build();
    assertThat(HostnameMatcher.matches(c.certificate(), "10.0.0.7")).isTrue();
    assertThat(HostnameMatcher.matches(c.certificate(), "10.0.0.6")).as("DNS SAN holding an IP").isFalse();
    assertThat(HostnameMatcher.matches(c.certificate(), "10.0.0.5")).as("CN holding an IP").isFalse();
    assertThat(HostnameMatcher.matches(c.certificate(), "fe80:0:0:0:0:0:0:1")).isTrue();
    assertThat(HostnameMatcher.matches(c.certificate(), "[FE80::1]")).isTrue();
    assertThat(HostnameMatcher.matches(c.certificate(), "fe80::2")).isFalse();
  }

  @Test
  void mismatchCarriesTheExpectedNameAndTheCertificateNames() {
    HeldCertificate c = HeldCertificate.builder().addDnsName("a.example.com").addDnsName("*.b.example.com")
        .addIpAddress("192.0.2.1").signedBy(CA).build();
    assertThatThrownBy(() -> HostnameMatcher.verify(c.certificate(), "c.example.com"))
        .isInstanceOfSatisfying(HostnameMismatchCertificateException.class, e -> {
          assertThat(e.expected()).isEqualTo("c.example.com");
          assertThat(e.namesInCertificate()).containsExactly("a.example.com", "*.b.example.com", "192.0.2.1");
        });
  }

  @Test
  void ipLiteralRecognitionNeverTreatsNamesAsAddresses() {
    assertThat(IpLiteral.isIpLiteral("127.0.0.1")).isTrue();
    assertThat(IpLiteral.isIpLiteral("::1")).isTrue();
    assertThat(IpLiteral.isIpLiteral("[2001:db8::1]")).isTrue();
    assertThat(IpLiteral.isIpLiteral("256.0.0.1")).isFalse();
    assertThat(IpLiteral.isIpLiteral("1.2.3")).isFalse();
    assertThat(IpLiteral.isIpLiteral("db.example.com")).isFalse();
    assertThat(IpLiteral.isIpLiteral("cafe")).isFalse();
    assertThat(IpLiteral.isIpLiteral("1.2.3.4.example.com")).isFalse();
  }

  @Property(tries = 2000)
  void exactNamesMatchThemselvesInAnyCase(@ForAll("hostnames") String host, @ForAll boolean upper) {
    String other = upper ? host.toUpperCase(Locale.ROOT) : host;
    assertThat(HostnameMatcher.matchesDnsName(host, other)).isTrue();
    assertThat(HostnameMatcher.matchesDnsName(host, "x" + other)).isFalse();
  }

  @Property(tries = 2000)
  void wildcardMatchesExactlyOneNonEmptyLabel(@ForAll("labels") String label, @ForAll("labels") String second,
      @ForAll("hostnames") String domain) {
    String pattern = "*." + domain;
    boolean domainHasTwoLabels = domain.indexOf('.') > 0;
    assertThat(HostnameMatcher.matchesDnsName(pattern, label + "." + domain)).isEqualTo(domainHasTwoLabels);
    assertThat(HostnameMatcher.matchesDnsName(pattern, second + "." + label + "." + domain)).isFalse();
    assertThat(HostnameMatcher.matchesDnsName(pattern, domain)).isFalse();
  }

  @Property(tries = 3000)
  void arbitraryTextNeverThrows(@ForAll String pattern, @ForAll String host) {
    HostnameMatcher.matchesDnsName(pattern, host);
    IpLiteral.parse(host);
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> hostnames() {
    return labels().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }
}
