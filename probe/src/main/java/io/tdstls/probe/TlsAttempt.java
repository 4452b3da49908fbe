package io.tdstls.probe;

import io.tdstls.tls.TlsVersion;
import java.util.Objects;

/**
 * One TLS handshake attempt restricted to a single protocol version.
 *
 * @param version the only version offered
 * @param status what happened
 * @param cipherSuite the suite the server chose; empty unless accepted
 * @param alpn the ALPN protocol the server selected; empty when none (or not accepted)
 * @param detail why it was refused or not tested; may be empty
 */
public record TlsAttempt(TlsVersion version, TlsAttemptStatus status, String cipherSuite, String alpn, String detail) {

  /**
   * Checks the components and turns {@code null} strings into empty ones.
   *
   * @param version see the record component
   * @param status see the record component
   * @param cipherSuite see the record component
   * @param alpn see the record component
   * @param detail see the record component
   */
  public TlsAttempt {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    cipherSuite = cipherSuite == null ? "" : cipherSuite;
    alpn = alpn == null ? "" : alpn;
    detail = detail == null ? "" : detail;
  }

  /**
   * Returns an attempt that was not made.
   *
   * @param version the version
   * @param status {@link TlsAttemptStatus#NOT_TESTABLE} or {@link TlsAttemptStatus#NOT_ATTEMPTED}
   * @param detail why
   * @return the attempt
   */
  public static TlsAttempt skipped(TlsVersion version, TlsAttemptStatus status, String detail) {
    return new TlsAttempt(version, status, "", "", detail);
  }

  /**
   * Tells whether the handshake completed.
   *
   * @return whether the status is {@link TlsAttemptStatus#ACCEPTED}
   */
  public boolean accepted() {
    return status == TlsAttemptStatus.ACCEPTED;
  }
}
