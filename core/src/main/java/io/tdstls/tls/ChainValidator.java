package io.tdstls.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PKIX validation of a server's chain against a fixed set of trust anchors, with CRL checking of
 * the end-entity certificate when CRLs are given (as OpenSSL's {@code X509_V_FLAG_CRL_CHECK}).
 */
final class ChainValidator {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private final Set<X509Certificate> anchorCertificates;
  private final Set<TrustAnchor> anchors = new HashSet<>();
  private final List<X509CRL> crls;

  ChainValidator(Set<X509Certificate> anchorCertificates, List<X509CRL> crls) {
    this.anchorCertificates = Set.copyOf(anchorCertificates);
    for (X509Certificate c : anchorCertificates) {
      anchors.add(new TrustAnchor(c, null));
    }
    this.crls = List.copyOf(crls);
  }

  /**
   * Returns the trusted certificates.
   *
   * @return the anchors
   */
  Set<X509Certificate> anchorCertificates() {
    return anchorCertificates;
  }

  /**
   * Validates a chain as a TLS server's.
   *
   * @param chain the chain the server sent, leaf first
   * @throws CertificateChainException saying what is wrong
   */
  void validate(X509Certificate[] chain) throws CertificateChainException {
    List<X509Certificate> path = orderedPath(chain);
    if (path.isEmpty()) {
      checkValidity(chain[0]);
    } else {
      validatePath(path);
    }
    checkServerUsage(chain[0]);
  }

  /**
   * Orders what the server sent into a path: the leaf, then the certificate that issued it, and
   * so on, stopping before a trust anchor. Servers that send intermediates out of order, or extra
   * certificates, are thereby still validated; unused certificates are ignored.
   *
   * @param chain the certificates as sent, leaf first
   * @return the path without the anchor; empty when the leaf itself is an anchor
   */
  private List<X509Certificate> orderedPath(X509Certificate[] chain) {
    List<X509Certificate> path = new ArrayList<>();
    List<X509Certificate> unused = new ArrayList<>(Arrays.asList(chain).subList(1, chain.length));
    X509Certificate current = chain[0];
    while (current != null && !anchorCertificates.contains(current)) {
      path.add(current);
      X509Certificate next = null;
      if (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
        for (X509Certificate candidate : unused) {
          if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
            next = candidate;
            break;
          }
        }
      }
      unused.remove(next);
      current = next;
    }
    return path;
  }

  private void validatePath(List<X509Certificate> path) throws CertificateChainException {
    if (anchors.isEmpty()) {
      throw new CertificateChainException(CertificateProblem.UNTRUSTED, subject(path.get(0)), null);
    }
    try {
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      if (!crls.isEmpty()) {
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
            PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        params.addCertPathChecker(checker);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
      }
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      validator.validate(certPath, params);
    } catch (CertPathValidatorException e) {
      int index = e.getIndex();
      X509Certificate atFault = index >= 0 && index < path.size() ? path.get(index) : path.get(0);
      throw new CertificateChainException(problemOf(e), subject(atFault), e);
    } catch (GeneralSecurityException e) {
      throw new CertificateChainException(CertificateProblem.INVALID, subject(path.get(0)), e);
    }
  }

  /**
   * Maps a PKIX failure to a problem, by its reason code.
   *
   * @param e the validator's error
   * @return the problem
   */
  static CertificateProblem problemOf(CertPathValidatorException e) {
    CertPathValidatorException.Reason reason = e.getReason();
    if (reason == BasicReason.EXPIRED) {
      return CertificateProblem.EXPIRED;
    }
    if (reason == BasicReason.NOT_YET_VALID) {
      return CertificateProblem.NOT_YET_VALID;
    }
    if (reason == BasicReason.REVOKED) {
      return CertificateProblem.REVOKED;
    }
    if (reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
      return CertificateProblem.REVOCATION_UNKNOWN;
    }
    if (reason == PKIXReason.NO_TRUST_ANCHOR) {
      return CertificateProblem.UNTRUSTED;
    }
    return CertificateProblem.INVALID;
  }

  private static void checkValidity(X509Certificate certificate) throws CertificateChainException {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new CertificateChainException(CertificateProblem.EXPIRED, subject(certificate), e);
    } catch (CertificateNotYetValidException e) {
      throw new CertificateChainException(CertificateProblem.NOT_YET_VALID, subject(certificate), e);
    }
  }

  private static void checkServerUsage(X509Certificate leaf) throws CertificateChainException {
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains(SERVER_AUTH) && !usages.contains(ANY_USAGE)) {
        throw new CertificateChainException(CertificateProblem.NOT_FOR_SERVER, subject(leaf), null);
      }
    } catch (CertificateParsingException e) {
      throw new CertificateChainException(CertificateProblem.INVALID, subject(leaf), e);
    }
  }

  private static String subject(X509Certificate certificate) {
    return "'" + certificate.getSubjectX500Principal().getName() + "'";
  }
}
