package io.tdstls.client;

import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A throwaway CA with server and client certificates, generated per test run (never checked in). */
final class Pki {

  final Path dir;
  final HeldCertificate ca;
  final HeldCertificate otherCa;
  final HeldCertificate server;
  final HeldCertificate expiredServer;
  final HeldCertificate wrongHostServer;
  final HeldCertificate client;
  final HeldCertificate untrustedClient;

  Pki(Path dir) {
    this.dir = dir;
    ca = HeldCertificate.builder().commonName("tds-tls test CA").certificateAuthority(1).build();
    otherCa = HeldCertificate.builder().commonName("someone else's CA").certificateAuthority(1).build();
    server = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
        .serverAuth().signedBy(ca).build();
    expiredServer = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").serverAuth().signedBy(ca)
        .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
    wrongHostServer = HeldCertificate.builder().commonName("db.example.com").addDnsName("db.example.com")
        .serverAuth().signedBy(ca).build();
    client = HeldCertificate.builder().commonName("app-client").clientAuth().signedBy(ca).build();
    untrustedClient = HeldCertificate.builder().commonName("intruder").clientAuth().signedBy(otherCa).build();
  }

  Path write(String name, String pem) {
    try {
      return Files.writeString(dir.resolve(name), pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path caFile() {
    return write("ca.pem", ca.certificatePem());
  }

  ServerTlsConfig serverTls(HeldCertificate cert) {
    return ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build();
  }
}
