package io.tdstls.tls.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Turns a {@link HeldCertificate.Builder}'s settings into a signed X.509 v3 certificate. */
final class CertificateSigner {

  /** What to put in the certificate. */
  record Request(
      String commonName,
      List<String> dnsNames,
      List<String> ipAddresses,
      int maxIntermediates,
      Instant notBefore,
      Instant notAfter,
      boolean serverAuth,
      boolean clientAuth,
      BigInteger serial) {

    boolean isCa() {
      return maxIntermediates >= 0;
    }
  }

  private CertificateSigner() {}

  /**
   * Signs a certificate for a key pair.
   *
   * @param request the contents
   * @param subjectKeys the certified key pair
   * @param issuer the signing CA, or {@code null} to self-sign
   * @return the certificate
   */
  static X509Certificate sign(Request request, KeyPair subjectKeys, HeldCertificate issuer) {
    // a self-signed certificate names its issuer, which cannot be empty: fall back to a name it holds
    String cn = request.commonName() != null || issuer != null ? request.commonName()
        : request.dnsNames().stream().findFirst().orElse(request.ipAddresses().stream().findFirst().orElse("self-signed"));
    X500Name subject = name(cn);
    X500Name issuerName = issuer == null ? subject : X500Name.getInstance(
        issuer.certificate().getSubjectX500Principal().getEncoded());
    PrivateKey signingKey = issuer == null ? subjectKeys.getPrivate() : issuer.privateKey();
    KeyType signingType = KeyType.forAlgorithm(signingKey.getAlgorithm());
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, request.serial(),
          Date.from(request.notBefore()), Date.from(request.notAfter()), subject, subjectKeys.getPublic());
      addExtensions(builder, request, subject.getRDNs().length == 0, subjectKeys, issuer);
      ContentSigner signer = new JcaContentSignerBuilder(signingType.signatureAlgorithm()).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertIOException | OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("signing the certificate failed", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("computing key identifiers failed", e);
    }
  }

  private static X500Name name(String commonName) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    if (commonName != null) {
      b.addRDN(BCStyle.CN, commonName);
    }
    return b.build();
  }

  private static void addExtensions(X509v3CertificateBuilder builder, Request request, boolean emptySubject, KeyPair subjectKeys,
      HeldCertificate issuer) throws CertIOException, GeneralSecurityException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
    if (issuer != null) {
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
    }
    if (request.isCa()) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(request.maxIntermediates()));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    }
    List<KeyPurposeId> purposes = new ArrayList<>();
    if (request.serverAuth()) {
      purposes.add(KeyPurposeId.id_kp_serverAuth);
    }
    if (request.clientAuth()) {
      purposes.add(KeyPurposeId.id_kp_clientAuth);
    }
    if (!purposes.isEmpty()) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
    }
    List<GeneralName> names = new ArrayList<>();
    for (String dns : request.dnsNames()) {
      names.add(new GeneralName(GeneralName.dNSName, dns));
    }
    for (String ip : request.ipAddresses()) {
      names.add(new GeneralName(GeneralName.iPAddress, ip));
    }
    if (!names.isEmpty()) {
      // RFC 5280 4.2.1.6: critical when the subject is empty
      builder.addExtension(Extension.subjectAlternativeName, emptySubject, new GeneralNames(names.toArray(new GeneralName[0])));
    }
  }
}
