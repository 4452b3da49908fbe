package io.tdstls.negotiation;

import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.prelogin.PreLogin;

/**
 * Supplies the LOGIN7 payload once the client knows what the negotiation settled: a strict
 * session logs in with TDS 8.0, and an encrypted session may request a packet size of at most
 * 16383.
 */
@FunctionalInterface
public interface LoginMessageSource {

  /**
   * Returns the LOGIN7 message payload (without packet headers).
   *
   * @param outcome what the negotiation settled
   * @return the encoded LOGIN7
   */
  byte[] login7(Outcome outcome);

  /**
   * Returns the LOGIN7 payload, knowing the server's PRELOGIN reply (for its FEDAUTHREQUIRED and
   * NONCE options). The default ignores the reply.
   *
   * @param outcome the negotiated encryption outcome
   * @param serverPreLogin the server's PRELOGIN reply
   * @return the LOGIN7 payload
   */
  default byte[] login7(Outcome outcome, PreLogin serverPreLogin) {
    return login7(outcome);
  }
}
