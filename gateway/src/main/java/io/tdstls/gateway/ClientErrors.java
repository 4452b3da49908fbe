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

  /** SQL Server's answer to a TDS 7.x login when only strict connections are accepted (17819). */
  static TdsMessage strictRequired(String gatewayName) {
    return message(17819, "Client unable to establish connection because an error was encountered during handshakes"
        + " before login. This server is configured to accept only strict (TDS 8.0 and above) connections.", gatewayName,
        TdsVersion.V7_4);
  }

  /**
   * A token or SSPI login the gateway refuses itself because the client's side of it is not fully
   * encrypted: SQL Server's 18456, as the endpoint gives it.
   */
  static TdsMessage loginRefused(String text, String gatewayName, TdsVersion clientVersion) {
    ServerMessage error = ServerMessage.error(18456, 1, 14, text, gatewayName, "", 1);
    Done done = Done.of(TokenType.DONE, DoneStatus.ERROR.code(), 0, 0);
    return new TdsMessage(PacketType.TABULAR_RESULT, new TokenEncoder(clientVersion).encode(error, done));
  }

  /** The tokens are laid out for the client's TDS version (7.1 clients read 2-byte line numbers). */
  private static TdsMessage message(int number, String text, String gatewayName, TdsVersion version) {
    ServerMessage error = ServerMessage.error(number, 1, 20, text, gatewayName, "", 1);
    Done done = Done.of(TokenType.DONE, DoneStatus.ERROR.code(), 0, 0);
    return new TdsMessage(PacketType.TABULAR_RESULT, new TokenEncoder(version).encode(error, done));
  }
}
