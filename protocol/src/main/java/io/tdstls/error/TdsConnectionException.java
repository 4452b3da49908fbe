package io.tdstls.error;

/**
 * The transport failed: the connection was refused, reset, or closed by the peer in the middle of an exchange.
 */
public class TdsConnectionException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what happened
   * @param advice what the user can do about it
   * @param cause the underlying error, or {@code null}
   */
  public TdsConnectionException(String message, String advice, Throwable cause) {
    super(Kind.CONNECTION, message, advice, cause);
  }
}
