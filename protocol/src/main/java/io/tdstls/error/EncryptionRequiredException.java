package io.tdstls.error;

/**
 * The server requires encryption, but this client's settings do not allow it (for example, encryption mode {@code off}). Also used by a server whose policy requires encryption (or strict) and a client that does not offer it.
 */
public class EncryptionRequiredException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what happened
   * @param advice what the user can do about it
   * @param cause the underlying error, or {@code null}
   */
  public EncryptionRequiredException(String message, String advice, Throwable cause) {
    super(Kind.ENCRYPTION_REQUIRED, message, advice, cause);
  }
}
