package io.tdstls.error;

/**
 * The server answered with an ERROR token: a failed statement, or (as {@link
 * LoginFailedException}) a refused login. Carries the fields of the token.
 */
public class ServerErrorException extends TdsException {

  private final int number;
  private final int state;
  private final int severity;
  private final String serverName;
  private final String procedure;
  private final long line;

  /**
   * Creates the error from the fields of an ERROR token ([MS-TDS] 2.2.7.10).
   *
   * @param kind {@link Kind#SERVER_ERROR} or {@link Kind#LOGIN_FAILED}
   * @param number the error number, for example 18456
   * @param state the error state
   * @param severity the error class (severity)
   * @param message the server's message text
   * @param serverName the server name reported in the token
   * @param procedure the procedure name, possibly empty
   * @param line the line number
   * @param advice what the user can do about it
   */
  protected ServerErrorException(
      Kind kind,
      int number,
      int state,
      int severity,
      String message,
      String serverName,
      String procedure,
      long line,
      String advice) {
    super(kind, "server error " + number + " (state " + state + ", class " + severity + "): " + message, advice, null);
    this.number = number;
    this.state = state;
    this.severity = severity;
    this.serverName = serverName;
    this.procedure = procedure;
    this.line = line;
  }

  /**
   * Creates the error for a failed request.
   *
   * @param number the error number
   * @param state the error state
   * @param severity the error class
   * @param message the server's message text
   * @param serverName the server name reported in the token
   * @param procedure the procedure name, possibly empty
   * @param line the line number
   */
  public ServerErrorException(
      int number, int state, int severity, String message, String serverName, String procedure, long line) {
    this(Kind.SERVER_ERROR, number, state, severity, message, serverName, procedure, line, "");
  }

  /**
   * Returns the error number.
   *
   * @return for example 208 (invalid object name)
   */
  public int number() {
    return number;
  }

  /**
   * Returns the error state.
   *
   * @return the state byte
   */
  public int state() {
    return state;
  }

  /**
   * Returns the error class (severity).
   *
   * @return 0..25
   */
  public int severity() {
    return severity;
  }

  /**
   * Returns the server name reported in the token.
   *
   * @return the name, possibly empty
   */
  public String serverName() {
    return serverName;
  }

  /**
   * Returns the procedure name reported in the token.
   *
   * @return the name, possibly empty
   */
  public String procedure() {
    return procedure;
  }

  /**
   * Returns the line number reported in the token.
   *
   * @return the line
   */
  public long line() {
    return line;
  }
}
