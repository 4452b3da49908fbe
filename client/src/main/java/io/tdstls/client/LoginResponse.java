package io.tdstls.client;

import io.tdstls.error.LoginFailedException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import java.util.List;

/**
 * What the server answered to LOGIN7: LOGINACK with the packet size and database, a routing
 * redirect, or a refusal.
 */
record LoginResponse(LoginAck loginAck, int packetSize, String database, EnvChange.Routing routing) {

  static LoginResponse of(List<Token> tokens, int requestedPacketSize) throws TdsException {
    LoginAck ack = null;
    int packetSize = requestedPacketSize;
    String database = "";
    EnvChange.Routing routing = null;
    ServerMessage error = null;
    for (Token t : tokens) {
      if (t instanceof LoginAck) {
        ack = (LoginAck) t;
      } else if (t instanceof EnvChange.Routing) {
        routing = (EnvChange.Routing) t;
      } else if (t instanceof EnvChange.Text) {
        EnvChange.Text e = (EnvChange.Text) t;
        if (e.changeType() == EnvChangeType.PACKET_SIZE) {
          packetSize = parsePacketSize(e.newValue());
        } else if (e.changeType() == EnvChangeType.DATABASE) {
          database = e.newValue();
        }
      } else if (t instanceof ServerMessage && ((ServerMessage) t).isError() && error == null) {
        error = (ServerMessage) t;
      }
    }
    if (error != null) {
      throw new LoginFailedException(error.number(), error.state(), error.severity(), error.message(), error.serverName());
    }
    if (ack == null && routing == null) {
      throw new TdsProtocolException("login response", "no LOGINACK and no error in the server's answer to LOGIN7", -1);
    }
    return new LoginResponse(ack, packetSize, database, routing);
  }

  private static int parsePacketSize(String text) throws TdsProtocolException {
    try {
      int size = Integer.parseInt(text.trim());
      if (size < 512 || size > 32767) {
        throw new TdsProtocolException("login response", "packet size " + size + " is outside 512..32767", -1);
      }
      return size;
    } catch (NumberFormatException e) {
      throw new TdsProtocolException("login response", "packet size '" + text + "' is not a number", -1);
    }
  }
}
