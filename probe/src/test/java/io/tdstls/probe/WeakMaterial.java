package io.tdstls.probe;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What the weak test endpoints serve, made in-process: an RSA-1024 certificate signed with SHA-1
 * and expired yesterday (the core's HeldCertificate makes only RSA-2048/P-256 SHA-256 ones, so
 * BouncyCastle signs this one directly), and the 1024-bit DH group of RFC 2409 (Oakley group 2).
 */
final class WeakMaterial {

  private WeakMaterial() {}

  /** Writes cert.pem, key.pem and dh1024.pem into {@code dir}. */
  static void write(Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    KeyPair pair = g.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=weak.example.com");
    var cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(400))),
        Date.from(now.minus(Duration.ofDays(1))), name, pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA1withRSA").build(pair.getPrivate())));
    Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    var oakley2 = DHStandardGroups.rfc2409_1024;
    Files.writeString(dir.resolve("dh1024.pem"),
        pem("DH PARAMETERS", new DHParameter(oakley2.getP(), oakley2.getG(), 0).getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
