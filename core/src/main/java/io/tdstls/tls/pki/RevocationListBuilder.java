package io.tdstls.tls.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds a certificate revocation list signed by a generated CA, so that revocation checking can
 * be tested.
 *
 * <pre>{@code
 * X509CRL crl = RevocationListBuilder.issuedBy(ca).revoke(server.certificate()).build();
 * Files.writeString(crlFile, RevocationListBuilder.pem(crl));
 * }</pre>
 */
public final class RevocationListBuilder {

  private final HeldCertificate issuer;
  private final List<BigInteger> revoked = new ArrayList<>();
  private Instant thisUpdate = Instant.now().minus(Duration.ofMinutes(5));
  private Instant nextUpdate = Instant.now().plus(Duration.ofDays(7));
  private BigInteger number = BigInteger.ONE;

  private RevocationListBuilder(HeldCertificate issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /**
   * Starts a CRL issued by a CA.
   *
   * @param issuer a certificate built with {@link HeldCertificate.Builder#certificateAuthority(int)}
   * @return a builder; the CRL is valid from five minutes ago for seven days and revokes nothing
   */
  public static RevocationListBuilder issuedBy(HeldCertificate issuer) {
    return new RevocationListBuilder(issuer);
  }

  /**
   * Revokes a certificate issued by the CA (reason: key compromise).
   *
   * @param certificate the certificate
   * @return this builder
   */
  public RevocationListBuilder revoke(X509Certificate certificate) {
    revoked.add(certificate.getSerialNumber());
    return this;
  }

  /**
   * Sets the CRL's validity window.
   *
   * @param thisUpdate when it was issued
   * @param nextUpdate when the next one is due
   * @return this builder
   */
  public RevocationListBuilder validity(Instant thisUpdate, Instant nextUpdate) {
    this.thisUpdate = Objects.requireNonNull(thisUpdate, "thisUpdate");
    this.nextUpdate = Objects.requireNonNull(nextUpdate, "nextUpdate");
    return this;
  }

  /**
   * Sets the CRL number.
   *
   * @param crlNumber a positive number, higher for newer lists
   * @return this builder
   */
  public RevocationListBuilder number(BigInteger crlNumber) {
    this.number = Objects.requireNonNull(crlNumber, "crlNumber");
    return this;
  }

  /**
   * Signs the CRL.
   *
   * @return the CRL
   */
  public X509CRL build() {
    X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
    builder.setNextUpdate(Date.from(nextUpdate));
    for (BigInteger serial : revoked) {
      builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
    }
    try {
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      var signer = new JcaContentSignerBuilder(issuer.keyType().signatureAlgorithm()).build(issuer.privateKey());
      return new JcaX509CRLConverter().getCRL(builder.build(signer));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("signing the CRL failed", e);
    }
  }

  /**
   * Encodes a CRL as PEM.
   *
   * @param crl the CRL
   * @return one {@code X509 CRL} block
   */
  public static String pem(X509CRL crl) {
    return PemText.encode(crl);
  }
}
