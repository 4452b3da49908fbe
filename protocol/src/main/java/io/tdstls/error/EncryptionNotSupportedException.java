package io.tdstls.error;

/**
 * This side requires encryption, but the peer does not support it, or answered in a way that would leave the login unencrypted. Raised before any secret is sent.
 */
public class EncryptionNotSupportedException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what happened
   * @param advice what the user can do about it
   * @param cause the underlying error, or {@code null}
   */
  public EncryptionNotSupportedException(String message, String advice, Throwable cause) {
    super(Kind.ENCRYPTION_NOT_SUPPORTED, message, advice, cause);
  }
}
