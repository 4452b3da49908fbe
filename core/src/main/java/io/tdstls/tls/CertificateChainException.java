package io.tdstls.tls;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * The server's certificate chain failed validation: untrusted, expired, not yet valid, revoked,
 * or broken. Carries the {@link CertificateProblem}, so callers react by type and value, never by
 * message text.
 */
public final class CertificateChainException extends CertificateException {

  private final CertificateProblem problem;
  private final String subject;

  /**
   * Creates the error.
   *
   * @param problem what is wrong
   * @param subject the subject of the certificate at fault
   * @param cause the validator's error, or {@code null}
   */
  public CertificateChainException(CertificateProblem problem, String subject, Throwable cause) {
    super("certificate " + subject + " " + problem.description(), cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.subject = subject;
  }

  /**
   * Returns the subject of the certificate at fault.
   *
   * @return the distinguished name, quoted
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns what is wrong.
   *
   * @return the problem
   */
  public CertificateProblem problem() {
    return problem;
  }
}
