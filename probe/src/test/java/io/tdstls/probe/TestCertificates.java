package io.tdstls.probe;

import io.tdstls.tls.pki.HeldCertificate;
import java.time.Duration;
import java.time.Instant;

/** Certificates generated for the run: a CA with an intermediate, and leaves good and bad. */
final class TestCertificates {

  static final HeldCertificate ROOT = longLived().commonName("probe test root").certificateAuthority(1).build();
  static final HeldCertificate INTERMEDIATE = longLived().commonName("probe test intermediate")
      .certificateAuthority(0).signedBy(ROOT).build();
  static final HeldCertificate SERVER = longLived().commonName("localhost").addDnsName("localhost")
      .addIpAddress("127.0.0.1").serverAuth().signedBy(ROOT).build();
  static final HeldCertificate VIA_INTERMEDIATE = longLived().commonName("localhost").addDnsName("localhost")
      .serverAuth().signedBy(INTERMEDIATE).build();
  static final HeldCertificate SELF_SIGNED = longLived().commonName("localhost").addDnsName("localhost")
      .serverAuth().build();
  static final HeldCertificate SQL_FALLBACK = longLived()
      .commonName("SSL_Self_Signed_Fallback").serverAuth().build();
  static final HeldCertificate EXPIRED = longLived().commonName("localhost").addDnsName("localhost")
      .serverAuth().signedBy(ROOT).validity(Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(2)))
      .build();
  static final HeldCertificate WRONG_HOST = longLived().commonName("db.example.com").addDnsName("db.example.com")
      .serverAuth().signedBy(ROOT).build();

  private TestCertificates() {}

  /** A year of validity from yesterday, so that "expires soon" does not fire on good certificates. */
  static HeldCertificate.Builder longLived() {
    return HeldCertificate.builder().validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
  }
}
