package io.tdstls.error;

import java.io.IOException;
import java.util.Objects;

/**
 * The root of every error tds-tls reports about a connection: malformed data from the peer, a TLS
 * or certificate failure, an encryption mismatch, a timeout, a refused login.
 *
 * <p>Each subclass carries a {@link Kind} (who is at fault, in the spirit of rustls' error
 * groups) and an {@link #advice() advice} line saying what the user can do about it. Code that
 * needs to react to an error switches on {@link #kind()} or catches a subclass; it never
 * inspects the message text.
 */
public class TdsException extends IOException {

  /** What went wrong, grouped so that callers and tools can react without parsing messages. */
  public enum Kind {
    /** The peer sent bytes that break the TDS wire format (see {@link TdsProtocolException}). */
    PROTOCOL_VIOLATION,
    /** The TLS handshake failed, or a TLS alert was received. */
    TLS_HANDSHAKE,
    /** The peer's certificate could not be validated (untrusted, expired, revoked, not pinned). */
    CERTIFICATE_INVALID,
    /** The certificate is valid but not issued for the host name the client expected. */
    HOSTNAME_MISMATCH,
    /** The server requires encryption that this side's settings do not allow. */
    ENCRYPTION_REQUIRED,
    /** This side requires encryption that the peer does not support (or refused). */
    ENCRYPTION_NOT_SUPPORTED,
    /** The peer stopped talking before a deadline. */
    TIMEOUT,
    /** The server refused the login. */
    LOGIN_FAILED,
    /** The server answered a request with an error. */
    SERVER_ERROR,
    /** The transport failed: connection refused, reset, or closed by the peer mid-exchange. */
    CONNECTION
  }

  private final Kind kind;
  private final String advice;

  /**
   * Creates an error.
   *
   * @param kind what went wrong
   * @param message what happened, in one sentence
   * @param advice what the user can do, in one sentence; may be empty
   * @param cause the underlying error, or {@code null}
   */
  public TdsException(Kind kind, String message, String advice, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.advice = advice == null ? "" : advice;
  }

  /**
   * Returns what went wrong.
   *
   * @return the error's kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns what the user can do about this error, or an empty string when there is nothing to
   * add to the message.
   *
   * @return the advice line
   */
  public String advice() {
    return advice;
  }

  /**
   * Returns the message followed by the advice, as shown to a person.
   *
   * @return message and advice
   */
  public String describe() {
    return advice.isEmpty() ? getMessage() : getMessage() + "\n  hint: " + advice;
  }
}
