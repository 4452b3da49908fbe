package io.tdstls.tls;

import io.tdstls.tls.pki.HeldCertificate;
import io.tdstls.tls.pki.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Certificates generated for one test, and files holding them. */
final class TestPki {

  static final String HOST = "db.example.com";

  final Path dir;
  final HeldCertificate root;
  final HeldCertificate intermediate;
  final HeldCertificate server;

  TestPki(Path dir) {
    this.dir = dir;
    this.root = HeldCertificate.builder().commonName("Test Root CA").certificateAuthority(1)
        .keyType(KeyType.EC_P256).build();
    this.intermediate = HeldCertificate.builder().commonName("Test Intermediate CA").certificateAuthority(0)
        .signedBy(root).build();
    this.server = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).addIpAddress("127.0.0.1")
        .serverAuth().signedBy(intermediate).build();
  }

  Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  Path rootPem() throws IOException {
    return write("root.pem", root.certificatePem());
  }
}
