package io.tdstls.error;

/**
 * The peer stopped talking: no complete answer arrived before the deadline.
 */
public class TdsTimeoutException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what happened
   * @param advice what the user can do about it
   * @param cause the underlying error, or {@code null}
   */
  public TdsTimeoutException(String message, String advice, Throwable cause) {
    super(Kind.TIMEOUT, message, advice, cause);
  }
}
