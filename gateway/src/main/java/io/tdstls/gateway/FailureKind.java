package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why one side of a relayed connection failed, in the words an operator alerts on. The {@link
 * #label()} is the {@code kind} tag of {@code tdstls_gateway_failures_total}.
 */
public enum FailureKind {
  /** The TLS handshake failed: an alert, an untrusted or expired certificate, a wrong host name. */
  TLS,
  /** The peer and this side's policy do not agree: encryption required or refused, strict required. */
  POLICY,
  /** A deadline passed: the login timeout on the front, the backend timeout on the back. */
  TIMEOUT,
  /** The backend refused the TCP connection (nothing listens on its port). */
  REFUSED,
  /** The backend's host is unknown, or there is no route to it. */
  UNREACHABLE,
  /** The login was refused: by the backend (its ERROR token went to the client), or by the gateway's login mapping. */
  LOGIN,
  /** The peer broke the TDS wire format. */
  PROTOCOL,
  /** The peer reset or closed the connection in the middle of an exchange. */
  RESET,
  /** The front refused a connection at its connection limit. */
  LIMIT,
  /** Anything else (a server error, a redirect loop). */
  OTHER;

  /**
   * Returns the tag value.
   *
   * @return the name in lower case, e.g. {@code tls}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Classifies an error by its kind only (what the front's server events tell).
   *
   * @param kind the error's kind
   * @return the failure kind
   */
  public static FailureKind of(TdsException.Kind kind) {
    switch (kind) {
      case TLS_HANDSHAKE:
      case CERTIFICATE_INVALID:
      case HOSTNAME_MISMATCH:
        return TLS;
      case ENCRYPTION_REQUIRED:
      case ENCRYPTION_NOT_SUPPORTED:
        return POLICY;
      case TIMEOUT:
        return TIMEOUT;
      case LOGIN_FAILED:
        return LOGIN;
      case PROTOCOL_VIOLATION:
        return PROTOCOL;
      case CONNECTION:
        return RESET;
      default:
        return OTHER;
    }
  }

  /**
   * Classifies an error by its kind and its cause: a refused TCP connection, an unknown host or
   * no route are told apart from a reset.
   *
   * @param e the error
   * @return the failure kind
   */
  public static FailureKind of(TdsException e) {
    if (e.kind() == TdsException.Kind.TIMEOUT) {
      return TIMEOUT; // Netty's connect timeout is a ConnectException too
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return REFUSED;
      }
      if (c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
        return UNREACHABLE;
      }
    }
    return of(e.kind());
  }
}
