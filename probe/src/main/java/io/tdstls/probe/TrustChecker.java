package io.tdstls.probe;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Judges whether a chain validates (PKIX, without revocation) to a set of trust anchors. The
 * check is made at a moment inside the leaf's validity, so that an expired certificate from a
 * trusted CA is reported as expired, not as untrusted.
 */
final class TrustChecker {

  private static volatile Set<TrustAnchor> systemAnchors;

  private TrustChecker() {}

  static TrustVerdict verdict(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant now) {
    if (anchors.isEmpty()) {
      return TrustVerdict.NOT_CHECKED;
    }
    Set<TrustAnchor> set = new HashSet<>();
    for (X509Certificate a : anchors) {
      set.add(new TrustAnchor(a, null));
    }
    return validates(chain, set, now) ? TrustVerdict.TRUSTED : TrustVerdict.UNTRUSTED;
  }

  static TrustVerdict systemVerdict(List<X509Certificate> chain, Instant now) {
    Set<TrustAnchor> anchors = system();
    if (anchors.isEmpty()) {
      return TrustVerdict.NOT_CHECKED;
    }
    return validates(chain, anchors, now) ? TrustVerdict.TRUSTED : TrustVerdict.UNTRUSTED;
  }

  private static boolean validates(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant now) {
    List<X509Certificate> path = new ArrayList<>(chain);
    if (path.size() > 1 && CertificateInspector.isSelfSigned(path.get(path.size() - 1))) {
      path.remove(path.size() - 1); // the root is the anchor, not part of the path
    }
    X509Certificate leaf = chain.get(0);
    Instant at = now.isBefore(leaf.getNotBefore().toInstant()) ? leaf.getNotBefore().toInstant()
        : now.isAfter(leaf.getNotAfter().toInstant()) ? leaf.getNotAfter().toInstant() : now;
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Set<TrustAnchor> system() {
    Set<TrustAnchor> anchors = systemAnchors;
    if (anchors == null) {
      anchors = new HashSet<>();
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
          if (tm instanceof X509TrustManager x) {
            for (X509Certificate c : x.getAcceptedIssuers()) {
              anchors.add(new TrustAnchor(c, null));
            }
          }
        }
      } catch (GeneralSecurityException e) {
        anchors = Set.of(); // no system store: reported as not checked
      }
      systemAnchors = anchors;
    }
    return anchors;
  }
}
