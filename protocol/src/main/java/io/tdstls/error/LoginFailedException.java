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
    super(Kind.LOGIN_FAILED, number, state, severity, message, serverName, "", 0, adviceFor(number));
  }

  /** Error numbers a login can fail with, and what to do about each. */
  private static String adviceFor(int number) {
    switch (number) {
      case 17819:
        return "this server accepts only strict (TDS 8.0) connections: connect with encryption mode strict";
      case 4060:
        return "the database does not exist or the login has no access to it: check the database name";
      case 18456:
        return "check the user name, password and database; the server log has the exact reason for this state";
      default:
        // a gateway or proxy in front of the server reports its own failures this way (tds-tls gateway: 50000)
        return "the server refused the login with error " + number + ": its message says why and what to do";
    }
  }
}
