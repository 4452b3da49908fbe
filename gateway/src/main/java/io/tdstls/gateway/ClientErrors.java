package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.TokenEncoder;
import io.tdstls.protocol.token.TokenType;

/** The TDS ERROR messages the gateway sends a client when its back side fails. */
final class ClientErrors {

  /** The message number of the gateway's own errors (user-defined range, like RAISERROR's 50000). */
  static final int GATEWAY_ERROR = 50000;

  private ClientErrors() {}

  /**
   * Builds an ERROR token and a DONE with the error bit, saying what failed on the back side and
   * what to do.
   */
  static TdsMessage backendFailure(TdsException e, String gatewayName, TdsVersion clientVersion) {
    String text = "tds-tls gateway: the backend failed (" + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + e.getMessage()
        + (e.advice().isEmpty() ? "" : ". What to do: " + e.advice());
    return message(GATEWAY_ERROR, text, gatewayName, clientVersion);
  }

  /**
   * No route takes the connection. The text repeats only the names the client itself sent, never
   * the gateway's routes or backends.
   */
  static TdsMessage noRoute(String sni, String serverName, String database, String gatewayName, TdsVersion version) {
    StringBuilder names = new StringBuilder();
    appendName(names, "TLS server name (SNI)", sni);
    appendName(names, "server name", serverName);
    appendName(names, "database", database);
    String text = "tds-tls gateway: no route for this connection (" + (names.length() == 0 ? "no server name or"
        + " database given" : names) + "). What to do: connect with the server name or database your administrator"
        + " gave you for this gateway.";
    return message(GATEWAY_ERROR, text, gatewayName, version);
  }

  private static void appendName(StringBuilder b, String what, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    String shown = value.length() > 128 ? value.substring(0, 128) + "..." : value;
    b.append(b.length() == 0 ? "" : ", ").append(what).append(" '").append(shown.replaceAll("\\p{Cntrl}", "?")).append('\'');
  }

  /** SQL Server's answer to a TDS 7.x login when only strict connections are accepted (17819). */
  static TdsMessage strictRequired(String gatewayName) {
    return message(17819, "Client unable to establish connection because an error was encountered during handshakes"
        + " before login. This server is configured to accept only strict (TDS 8.0 and above) connections.", gatewayName,
        TdsVersion.V7_4);
  }

  /**
   * SQL Server's "Login failed" (18456, class 14, state 1) for a login the gateway refused itself
   * (client certificate or gateway users, or a token or SSPI login whose client side is not fully
   * encrypted), with the given text.
   */
  static TdsMessage loginFailed(String text, String gatewayName, TdsVersion clientVersion) {
    return message(LoginMapping.LOGIN_FAILED, 14, text, gatewayName, clientVersion);
  }

  /** The tokens are laid out for the client's TDS version (7.1 clients read 2-byte line numbers). */
  private static TdsMessage message(int number, String text, String gatewayName, TdsVersion version) {
    return message(number, 20, text, gatewayName, version);
  }

  /** The tokens are laid out for the client's TDS version (7.1 clients read 2-byte line numbers). */
  private static TdsMessage message(int number, int severity, String text, String gatewayName, TdsVersion version) {
    ServerMessage error = ServerMessage.error(number, 1, severity, text, gatewayName, "", 1);
    Done done = Done.of(TokenType.DONE, DoneStatus.ERROR.code(), 0, 0);
    return new TdsMessage(PacketType.TABULAR_RESULT, new TokenEncoder(version).encode(error, done));
  }
}
