package io.tdstls.probe;

import io.tdstls.tls.TlsVersion;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSession;

/** Turns the end of one handshake attempt into a {@link TlsAttempt}. */
final class TlsAttempts {

  private TlsAttempts() {}

  /** A completed handshake: accepted if the session is at the version offered. */
  static TlsAttempt completed(TlsVersion offered, SSLSession session, String alpn) {
    if (!offered.javaName().equals(session.getProtocol())) {
      return new TlsAttempt(offered, TlsAttemptStatus.REFUSED, "", "", "the server chose " + session.getProtocol());
    }
    return new TlsAttempt(offered, TlsAttemptStatus.ACCEPTED, session.getCipherSuite(), alpn, "");
  }

  /** A failed handshake: timed out, or refused (alert, close, reset). */
  static TlsAttempt failed(TlsVersion offered, IOException e) {
    if (e instanceof SocketTimeoutException) {
      return TlsAttempt.skipped(offered, TlsAttemptStatus.TIMEOUT, "no answer before the timeout");
    }
    return new TlsAttempt(offered, TlsAttemptStatus.REFUSED, "", "", String.valueOf(e.getMessage()));
  }

  /** The attempt that is not made because this JVM cannot offer the version. */
  static TlsAttempt notTestable(TlsVersion version) {
    return TlsAttempt.skipped(version, TlsAttemptStatus.NOT_TESTABLE,
        "not testable in this JVM: " + version + " is in jdk.tls.disabledAlgorithms");
  }

  /** An attempt and the chain the server presented during it (empty if none). */
  record Observed(TlsAttempt attempt, List<X509Certificate> chain) {}
}
