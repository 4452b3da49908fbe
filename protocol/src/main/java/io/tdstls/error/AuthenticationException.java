package io.tdstls.error;

/**
 * A login could not be authenticated on this side: no token or Kerberos ticket could be obtained,
 * or the peer's token, ticket or SSPI message was refused. Kind {@link Kind#LOGIN_FAILED}. The
 * message never contains a token or ticket.
 */
public class AuthenticationException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what failed
   * @param advice what to do
   * @param cause the underlying error, or {@code null}
   */
  public AuthenticationException(String message, String advice, Throwable cause) {
    super(Kind.LOGIN_FAILED, message, advice, cause);
  }
}
