package io.tdstls.error;

/**
 * The server refused the login (typically error 18456), or closed the connection instead of
 * answering LOGIN7.
 */
public class LoginFailedException extends ServerErrorException {

  /**
   * Creates the error from the server's ERROR token.
   *
   * @param number the error number, for example 18456
   * @param state the error state
   * @param severity the error class
   * @param message the server's message text
   * @param serverName the server name reported in the token
   */
  public LoginFailedException(int number, int state, int severity, String message, String serverName) {
    super(
        Kind.LOGIN_FAILED,
        number,
        state,
        severity,
        message,
        serverName,
        "",
        0,
        "check the user name, password and database; the server log has the exact reason for this state");
  }
}
