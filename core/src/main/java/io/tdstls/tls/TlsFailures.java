package io.tdstls.tls;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.HostnameVerificationException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TlsHandshakeException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Turns the {@link SSLException} of a failed handshake into the {@link io.tdstls.error} exception
 * a user can act on. The cause chain is walked and classified by type only:
 *
 * <ul>
 *   <li>{@link HostnameMismatchCertificateException} → {@link HostnameVerificationException}, with
 *       the expected name and the names in the certificate;
 *   <li>{@link PinMismatchCertificateException}, {@link CertificateChainException} and other
 *       certificate errors (expired, not yet valid, PKIX failures) → {@link
 *       CertificateInvalidException}, saying which and what to do;
 *   <li>anything else → {@link TlsHandshakeException} (no common version or cipher suite, a TLS
 *       alert from the peer, a peer not speaking TLS).
 * </ul>
 *
 * <pre>{@code
 * try {
 *   engine.unwrap(in, out);
 * } catch (SSLException e) {
 *   throw TlsFailures.classify(e);
 * }
 * }</pre>
 */
public final class TlsFailures {

  private TlsFailures() {}

  /**
   * Classifies a handshake failure.
   *
   * @param failure the JSSE exception
   * @return the typed error, with {@code failure} as its cause
   */
  public static TdsException classify(SSLException failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      TdsException mapped = certificateError(t, failure);
      if (mapped != null) {
        return mapped;
      }
    }
    String refusedCertificate = certificateAlert(failure.getMessage());
    if (refusedCertificate != null) {
      return new TlsHandshakeException("TLS handshake failed: " + failure.getMessage(),
          "the peer refused the certificate this side presented (alert " + refusedCertificate + "): a client's"
              + " certificate must be issued by a CA the server trusts for client certificates (a tds-tls server's"
              + " --client-ca), be valid now and allow clientAuth; a server's, by a CA the client trusts. The"
              + " peer's log says which check failed", failure);
    }
    return new TlsHandshakeException("TLS handshake failed: " + failure.getMessage(),
        "check that both sides allow a common TLS version (minProtocolVersion/maxProtocolVersion; a server that"
            + " only speaks TLS 1.0 or 1.1 needs enableLegacyTls) and cipher suite. If a TLS alert was received"
            + " (\"Received fatal alert\" above), the peer refused the handshake: its log says why", failure);
  }

  /** The TLS alerts a peer sends when it does not accept the certificate it was shown (RFC 8446 6.2). */
  private static final List<String> CERTIFICATE_ALERTS = List.of("bad_certificate",
      "unsupported_certificate", "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca",
      "access_denied", "certificate_required");

  private static String certificateAlert(String message) {
    String prefix = "Received fatal alert: ";
    if (message == null || !message.contains(prefix)) {
      return null;
    }
    String alert = message.substring(message.indexOf(prefix) + prefix.length()).trim();
    return CERTIFICATE_ALERTS.contains(alert) ? alert : null;
  }

  private static TdsException certificateError(Throwable t, SSLException failure) {
    if (t instanceof HostnameMismatchCertificateException) {
      HostnameMismatchCertificateException h = (HostnameMismatchCertificateException) t;
      return new HostnameVerificationException(h.expected(), h.namesInCertificate(), failure);
    }
    if (t instanceof PinMismatchCertificateException) {
      PinMismatchCertificateException p = (PinMismatchCertificateException) t;
      return new CertificateInvalidException("the server certificate is not the pinned one: expected SHA-256 "
          + p.expected() + ", got " + p.actual(),
          "if the server's certificate was renewed, pin the new one (serverCertificate or its SHA-256);"
              + " otherwise someone may be intercepting the connection", failure);
    }
    if (t instanceof CertificateChainException) {
      CertificateChainException c = (CertificateChainException) t;
      return invalid(c.problem(), c.subject(), failure);
    }
    if (t instanceof CertificateExpiredException) {
      return invalid(CertificateProblem.EXPIRED, null, failure);
    }
    if (t instanceof CertificateNotYetValidException) {
      return invalid(CertificateProblem.NOT_YET_VALID, null, failure);
    }
    if (t instanceof CertPathValidatorException) {
      return invalid(ChainValidator.problemOf((CertPathValidatorException) t), null, failure);
    }
    if (t instanceof CertificateException) {
      return invalid(CertificateProblem.INVALID, null, failure);
    }
    return null;
  }

  private static CertificateInvalidException invalid(CertificateProblem problem, String subject, SSLException failure) {
    String which = subject == null ? "the peer certificate " : "the peer certificate " + subject + " ";
    return new CertificateInvalidException(which + problem.description(), problem.advice(), failure);
  }
}
