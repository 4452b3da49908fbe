package io.tdstls.cli;

import io.tdstls.error.TdsException;

/**
 * The exit codes of {@code tds-tls}. 0, 1 and 2 follow the usual convention; {@code connect}
 * adds one code per {@link TdsException.Kind}, so scripts can tell a refused certificate from a
 * wrong password without reading the message.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>failure or finding (an unexpected demo outcome, an internal error)</td></tr>
 *   <tr><td>2</td><td>usage error: unknown option, bad value, contradictory settings</td></tr>
 *   <tr><td>3</td><td>connection failed (refused, reset, closed by the peer)</td></tr>
 *   <tr><td>4</td><td>timeout</td></tr>
 *   <tr><td>5</td><td>TLS handshake failed</td></tr>
 *   <tr><td>6</td><td>server certificate not valid (untrusted, expired, revoked, not the pinned one)</td></tr>
 *   <tr><td>7</td><td>server certificate not issued for the host name</td></tr>
 *   <tr><td>8</td><td>the server requires encryption the client settings do not allow</td></tr>
 *   <tr><td>9</td><td>the client requires encryption the server does not support</td></tr>
 *   <tr><td>10</td><td>login refused</td></tr>
 *   <tr><td>11</td><td>the server answered the query with an error</td></tr>
 *   <tr><td>12</td><td>protocol violation by the peer</td></tr>
 * </table>
 */
public enum ExitCode {
  /** Success. */
  OK(0),
  /** A failure or a finding. */
  FAILURE(1),
  /** Bad command line or contradictory settings. */
  USAGE(2),
  /** {@link TdsException.Kind#CONNECTION}. */
  CONNECTION(3),
  /** {@link TdsException.Kind#TIMEOUT}. */
  TIMEOUT(4),
  /** {@link TdsException.Kind#TLS_HANDSHAKE}. */
  TLS_HANDSHAKE(5),
  /** {@link TdsException.Kind#CERTIFICATE_INVALID}. */
  CERTIFICATE_INVALID(6),
  /** {@link TdsException.Kind#HOSTNAME_MISMATCH}. */
  HOSTNAME_MISMATCH(7),
  /** {@link TdsException.Kind#ENCRYPTION_REQUIRED}. */
  ENCRYPTION_REQUIRED(8),
  /** {@link TdsException.Kind#ENCRYPTION_NOT_SUPPORTED}. */
  ENCRYPTION_NOT_SUPPORTED(9),
  /** {@link TdsException.Kind#LOGIN_FAILED}. */
  LOGIN_FAILED(10),
  /** {@link TdsException.Kind#SERVER_ERROR}. */
  SERVER_ERROR(11),
  /** {@link TdsException.Kind#PROTOCOL_VIOLATION}. */
  PROTOCOL_VIOLATION(12);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /**
   * Returns the process exit code.
   *
   * @return 0 to 12
   */
  public int code() {
    return code;
  }

  /**
   * Returns the exit code for an error kind.
   *
   * @param kind what went wrong
   * @return the matching code
   */
  public static ExitCode of(TdsException.Kind kind) {
    switch (kind) {
      case CONNECTION:
        return CONNECTION;
      case TIMEOUT:
        return TIMEOUT;
      case TLS_HANDSHAKE:
        return TLS_HANDSHAKE;
      case CERTIFICATE_INVALID:
        return CERTIFICATE_INVALID;
      case HOSTNAME_MISMATCH:
        return HOSTNAME_MISMATCH;
      case ENCRYPTION_REQUIRED:
        return ENCRYPTION_REQUIRED;
      case ENCRYPTION_NOT_SUPPORTED:
        return ENCRYPTION_NOT_SUPPORTED;
      case LOGIN_FAILED:
        return LOGIN_FAILED;
      case SERVER_ERROR:
        return SERVER_ERROR;
      case PROTOCOL_VIOLATION:
        return PROTOCOL_VIOLATION;
      default:
        throw new IllegalArgumentException("no exit code for " + kind);
    }
  }
}
