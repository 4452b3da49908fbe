package io.tdstls.client;

import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.client.auth.KerberosInitiator;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.FedAuthTokenMessage;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.token.FeatureExtAck;
import io.tdstls.protocol.token.FedAuthInfo;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.SspiToken;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import java.util.List;

/**
 * The client's side of a login after LOGIN7: answers FEDAUTHINFO with a FEDAUTH_TOKEN message,
 * and SSPI tokens with SSPI messages, until the server sends LOGINACK or an error.
 */
final class LoginConversation {

  /** Sends a login continuation and returns the server's next message. */
  interface Exchange {
    TdsMessage send(TdsMessage continuation) throws TdsException;
  }

  /** SPNEGO with Kerberos takes one or two round trips; anything beyond this is a broken peer. */
  private static final int MAX_ROUNDS = 8;

  private final ClientAuthentication auth;
  private final KerberosInitiator kerberos;
  private final String host;
  private final int port;

  LoginConversation(ClientAuthentication auth, KerberosInitiator kerberos, String host, int port) {
    this.auth = auth;
    this.kerberos = kerberos;
    this.host = host;
    this.port = port;
  }

  /** Runs the conversation from the server's first answer to LOGIN7; returns the final tokens. */
  List<Token> run(TdsMessage first, TokenDecoder decoder, PreLogin serverPreLogin, Exchange exchange)
      throws TdsException {
    List<Token> tokens = decoder.decode(first.payload());
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (has(tokens, ServerMessage.class) && tokens.stream().anyMatch(t -> t instanceof ServerMessage m && m.isError())) {
        return tokens;
      }
      FedAuthInfo info = find(tokens, FedAuthInfo.class);
      SspiToken sspi = find(tokens, SspiToken.class);
      boolean loggedIn = has(tokens, LoginAck.class);
      if (info != null && auth.method() == LoginMethod.FEDAUTH_INFO_REQUEST && !loggedIn) {
        String token = auth.tokenProvider().orElseThrow()
            .token(new TokenRequest(host, port, info.stsUrl(), info.spn()));
        byte[] nonce = serverPreLogin == null ? null : serverPreLogin.nonce().orElse(null);
        tokens = decoder.decode(exchange.send(new TdsMessage(PacketType.FEDAUTH_TOKEN,
            new FedAuthTokenMessage(token, nonce).encode())).payload());
        continue;
      }
      if (sspi != null && kerberos != null) {
        byte[] out = kerberos.step(sspi.data());
        if (!loggedIn) {
          tokens = decoder.decode(exchange.send(new TdsMessage(PacketType.SSPI, out)).payload());
          continue;
        }
      }
      if (loggedIn) {
        checkAcknowledged(tokens);
      }
      return tokens;
    }
    throw new TdsProtocolException("login", "the server kept the login going for " + MAX_ROUNDS + " round trips", -1);
  }

  private void checkAcknowledged(List<Token> tokens) throws TdsException {
    LoginMethod m = auth.method();
    if (m == LoginMethod.SECURITY_TOKEN || m == LoginMethod.FEDAUTH_INFO_REQUEST) {
      FeatureExtAck ack = find(tokens, FeatureExtAck.class);
      boolean fedAuthAcked = ack != null && ack.features().stream().anyMatch(f -> f.id() == FedAuthFeature.FEATURE_ID);
      if (!fedAuthAcked) {
        throw new TdsProtocolException("login response", "the server accepted the login but did not acknowledge"
            + " the FEDAUTH feature (FEATUREEXTACK): it may have ignored the token", -1);
      }
    }
    if (m == LoginMethod.SSPI && kerberos != null && !kerberos.established()) {
      throw new AuthenticationException("the server accepted the Kerberos login without completing mutual"
          + " authentication (no SSPI reply)", "the server may not be the one the SPN names", null);
    }
  }

  private static boolean has(List<Token> tokens, Class<? extends Token> type) {
    return find(tokens, type) != null;
  }

  private static <T extends Token> T find(List<Token> tokens, Class<T> type) {
    for (Token t : tokens) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
