package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.FedAuthLibrary;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.token.FedAuthInfo;
import io.tdstls.protocol.token.SspiToken;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/** LOGIN7 on its way to the backend, and what the backend answered. */
final class LoginRelay {

  /** Offset of TDSVersion in LOGIN7's fixed part ([MS-TDS] 2.2.6.4). */
  private static final int TDS_VERSION_OFFSET = 4;

  private LoginRelay() {}

  /**
   * Translates LOGIN7's TDS version for the back side: a strict back side gets 8.0, a TDS 7.x back
   * side gets 7.4 in place of a strict client's 8.0. Everything else is relayed unchanged.
   */
  static byte[] translate(byte[] login7, boolean backStrict) throws TdsProtocolException {
    if (login7.length < TDS_VERSION_OFFSET + 4) {
      throw new TdsProtocolException("LOGIN7", "LOGIN7 is " + login7.length + " bytes, too short for its fixed part", 0);
    }
    ByteBuffer b = ByteBuffer.wrap(login7).order(ByteOrder.LITTLE_ENDIAN);
    int version = b.getInt(TDS_VERSION_OFFSET);
    if (backStrict) {
      b.putInt(TDS_VERSION_OFFSET, TdsVersion.V8_0.code());
    } else if (version == TdsVersion.V8_0.code()) {
      b.putInt(TDS_VERSION_OFFSET, TdsVersion.V7_4.code());
    }
    return login7;
  }

  /**
   * How a LOGIN7 authenticates, which decides the messages that may follow it during login: SSPI
   * round trips (integrated security), a FEDAUTHINFO then a FEDAUTH_TOKEN message (the ADAL/MSAL
   * information request), or none (SQL password, or a security token inside LOGIN7).
   */
  static LoginMethod method(Login7 login) throws TdsException {
    Optional<FedAuthFeature> fedAuth = login.fedAuth();
    if (fedAuth.isPresent()) {
      return fedAuth.get().library() == FedAuthLibrary.SECURITY_TOKEN
          ? LoginMethod.SECURITY_TOKEN : LoginMethod.FEDAUTH_INFO_REQUEST;
    }
    return login.integratedSecurity() ? LoginMethod.SSPI : LoginMethod.SQL_PASSWORD;
  }

  /**
   * The TDS version a LOGIN7 asks for, which sets the layout of the tokens the backend answers with
   * (a TDS 7.1 client such as jTDS gets INFO and ERROR tokens with 2-byte line numbers).
   */
  static TdsVersion version(byte[] login7) {
    if (login7.length < TDS_VERSION_OFFSET + 4) {
      return TdsVersion.V7_4;
    }
    TdsVersion v = TdsVersion.fromCode(ByteBuffer.wrap(login7).order(ByteOrder.LITTLE_ENDIAN).getInt(TDS_VERSION_OFFSET));
    return v == null ? TdsVersion.V7_4 : v;
  }

  /**
   * What the backend answered to LOGIN7 (or to a message continuing it). A challenge is an SSPI
   * token or FEDAUTHINFO with neither LOGINACK nor error: the login goes on with the client's
   * next SSPI or FEDAUTH_TOKEN message.
   */
  record Answer(LoginAck loginAck, int packetSize, EnvChange.Routing routing, ServerMessage error, boolean challenge) {

    static Answer of(byte[] payload, int requestedPacketSize, TdsVersion version) throws TdsException {
      List<Token> tokens = new TokenDecoder(version).decode(payload);
      LoginAck ack = null;
      int packetSize = requestedPacketSize;
      EnvChange.Routing routing = null;
      ServerMessage error = null;
      boolean challenge = false;
      for (Token t : tokens) {
        if (t instanceof SspiToken || t instanceof FedAuthInfo) {
          challenge = true;
        }
        if (t instanceof LoginAck a) {
          ack = a;
        } else if (t instanceof EnvChange.Routing r) {
          routing = r;
        } else if (t instanceof EnvChange.Text e && e.changeType() == EnvChangeType.PACKET_SIZE) {
          try {
            packetSize = Integer.parseInt(e.newValue().trim());
          } catch (NumberFormatException x) {
            throw new TdsProtocolException("login response", "the backend's packet size '" + e.newValue() + "' is not a number", -1);
          }
        } else if (t instanceof ServerMessage m && m.isError() && error == null) {
          error = m;
        }
      }
      challenge = challenge && ack == null && error == null && routing == null;
      if (ack == null && routing == null && error == null && !challenge) {
        throw new TdsProtocolException("login response", "no LOGINACK, no error and no SSPI or FEDAUTHINFO token in the"
            + " backend's answer to LOGIN7", -1);
      }
      return new Answer(ack, Math.max(512, Math.min(packetSize, 32767)), routing, error, challenge);
    }
  }
}
