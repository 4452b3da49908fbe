package io.tdstls.protocol.token;

import io.tdstls.protocol.types.WireText;
import java.util.Objects;

/**
 * ERROR ([MS-TDS] 2.2.7.10) or INFO (2.2.7.13): a message from the server. Both tokens have the
 * same fields; {@link #type()} tells them apart.
 *
 * <pre>{@code
 * ServerMessage m = ServerMessage.error(18456, 1, 14, "Login failed for user 'sa'.", "db01", "", 1);
 * }</pre>
 *
 * @param type {@link TokenType#ERROR} or {@link TokenType#INFO}
 * @param number the message number, for example 18456 (login failed)
 * @param state the error state, 0..255
 * @param severity the class (severity), 0..255; above 10 is an error
 * @param message the text; cut so that the token fits its 16-bit length (at least 32,250
 *     characters are kept)
 * @param serverName the server name; cut to 255 characters
 * @param procName the procedure name; cut to 255 characters
 * @param lineNumber the line in the batch or procedure
 */
public record ServerMessage(TokenType type, int number, int state, int severity, String message,
    String serverName, String procName, int lineNumber) implements Token {

  /** The token body's limit less its fixed fields (number, state, class, three lengths, line). */
  private static final int MAX_BODY = 0xFFFF - 14;

  /**
   * Validates, and cuts texts longer than their fields (they may come from a peer's input).
   *
   * @param type {@link TokenType#ERROR} or {@link TokenType#INFO}
   * @param number the message number
   * @param state 0..255
   * @param severity 0..255
   * @param message the text
   * @param serverName the server name
   * @param procName the procedure name
   * @param lineNumber the line number
   * @throws IllegalArgumentException if the type is neither ERROR nor INFO or a value is out of range
   */
  public ServerMessage {
    if (type != TokenType.ERROR && type != TokenType.INFO) {
      throw new IllegalArgumentException("a server message is an ERROR or an INFO, not " + type);
    }
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(procName, "procName");
    serverName = WireText.cut(serverName, WireText.B_VARCHAR_MAX);
    procName = WireText.cut(procName, WireText.B_VARCHAR_MAX);
    message = WireText.cut(message, (MAX_BODY - 2 * serverName.length() - 2 * procName.length()) / 2);
    if ((state & ~0xFF) != 0 || (severity & ~0xFF) != 0) {
      throw new IllegalArgumentException("server message field out of range");
    }
  }

  /**
   * Creates an ERROR.
   *
   * @param number the message number
   * @param state 0..255
   * @param severity 0..255
   * @param message the text
   * @param serverName the server name
   * @param procName the procedure name
   * @param lineNumber the line number
   * @return the message
   */
  public static ServerMessage error(int number, int state, int severity, String message,
      String serverName, String procName, int lineNumber) {
    return new ServerMessage(TokenType.ERROR, number, state, severity, message, serverName, procName,
        lineNumber);
  }

  /**
   * Creates an INFO.
   *
   * @param number the message number
   * @param state 0..255
   * @param severity 0..255
   * @param message the text
   * @param serverName the server name
   * @param procName the procedure name
   * @param lineNumber the line number
   * @return the message
   */
  public static ServerMessage info(int number, int state, int severity, String message,
      String serverName, String procName, int lineNumber) {
    return new ServerMessage(TokenType.INFO, number, state, severity, message, serverName, procName,
        lineNumber);
  }

  /**
   * Tells whether this is an ERROR token.
   *
   * @return whether {@link #type()} is ERROR
   */
  public boolean isError() {
    return type == TokenType.ERROR;
  }
}
