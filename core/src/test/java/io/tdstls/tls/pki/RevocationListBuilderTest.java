package io.tdstls.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import org.junit.jupiter.api.Test;

class RevocationListBuilderTest {

  @Test
  void crlRevokesTheGivenCertificateAndIsSignedByTheCa() throws Exception {
    HeldCertificate ca = HeldCertificate.builder().commonName("CA").certificateAuthority(0).build();
    HeldCertificate revoked = HeldCertificate.builder().commonName("bad").signedBy(ca).build();
    HeldCertificate good = HeldCertificate.builder().commonName("good").signedBy(ca).build();
    X509CRL crl = RevocationListBuilder.issuedBy(ca).revoke(revoked.certificate()).number(BigInteger.TEN).build();
    crl.verify(ca.certificate().getPublicKey());
    assertThat(crl.isRevoked(revoked.certificate())).isTrue();
    assertThat(crl.isRevoked(good.certificate())).isFalse();
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    String pem = RevocationListBuilder.pem(crl);
    assertThat(pem).startsWith("-----BEGIN X509 CRL-----");
    assertThat(CertificateFiles.parseCrls(pem.getBytes(StandardCharsets.US_ASCII), "pem")).containsExactly(crl);
    assertThat(CertificateFiles.parseCrls(crl.getEncoded(), "der")).containsExactly(crl);
  }
}
