package io.tdstls.probe;

import io.tdstls.tls.HostnameMatcher;
import io.tdstls.tls.pki.CertificateFingerprint;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/** Turns a presented chain into {@link CertificateFacts}. */
final class CertificateInspector {

  /** The common-name prefix of the certificate SQL Server generates when none is configured. */
  static final String SQL_SERVER_FALLBACK_CN = "SSL_Self_Signed_Fallback";

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_EKU = "2.5.29.37.0";

  private CertificateInspector() {}

  static CertificateFacts inspect(List<X509Certificate> chain, String host, Collection<X509Certificate> caFile, Instant now) {
    X509Certificate leaf = chain.get(0);
    Instant notAfter = leaf.getNotAfter().toInstant();
    boolean selfSigned = isSelfSigned(leaf);
    String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
    return new CertificateFacts(subject, alternativeNames(leaf),
        leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
        leaf.getNotBefore().toInstant(), notAfter, Math.floorDiv(Duration.between(now, notAfter).toHours(), 24),
        leaf.getPublicKey().getAlgorithm(), keyBits(leaf.getPublicKey()), leaf.getSigAlgName(),
        serverAuth(leaf), chain.size(), shape(chain), selfSigned,
        selfSigned && commonName(leaf).startsWith(SQL_SERVER_FALLBACK_CN), host, HostnameMatcher.matches(leaf, host),
        TrustChecker.systemVerdict(chain, now), TrustChecker.verdict(chain, caFile, now),
        CertificateFingerprint.sha256(leaf).hex());
  }

  static boolean isSelfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static ChainShape shape(List<X509Certificate> chain) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
        return ChainShape.BROKEN;
      }
    }
    boolean lastSelfSigned = isSelfSigned(chain.get(chain.size() - 1));
    if (chain.size() == 1) {
      return lastSelfSigned ? ChainShape.SELF_SIGNED : ChainShape.LEAF_ONLY;
    }
    return lastSelfSigned ? ChainShape.TO_ROOT : ChainShape.TO_INTERMEDIATE;
  }

  static String commonName(X509Certificate c) {
    for (String rdn : c.getSubjectX500Principal().getName(X500Principal.RFC2253).split("(?<!\\\\),")) {
      if (rdn.toUpperCase(Locale.ROOT).startsWith("CN=")) {
        return rdn.substring(3);
      }
    }
    return "";
  }

  private static List<String> alternativeNames(X509Certificate c) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 2) {
            names.add("DNS:" + san.get(1));
          } else if (type == 7) {
            names.add("IP:" + san.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      names.add("(unreadable subjectAltName: " + e.getMessage() + ")");
    }
    return names;
  }

  private static int keyBits(PublicKey key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECKey ec) {
      return ec.getParams().getOrder().bitLength();
    }
    return 0;
  }

  private static boolean serverAuth(X509Certificate c) {
    try {
      List<String> eku = c.getExtendedKeyUsage();
      return eku == null || eku.contains(SERVER_AUTH) || eku.contains(ANY_EKU);
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
