package io.tdstls.error;

/**
 * The TLS handshake failed: no common protocol version or cipher suite, a TLS alert from the peer, or a peer that is not speaking TLS where TLS was expected.
 */
public class TlsHandshakeException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what happened
   * @param advice what the user can do about it
   * @param cause the underlying error, or {@code null}
   */
  public TlsHandshakeException(String message, String advice, Throwable cause) {
    super(Kind.TLS_HANDSHAKE, message, advice, cause);
  }
}
