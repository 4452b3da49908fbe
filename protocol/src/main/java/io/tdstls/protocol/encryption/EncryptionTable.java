package io.tdstls.protocol.encryption;

import io.tdstls.error.TdsException.Kind;
import io.tdstls.protocol.prelogin.EncryptionLevel;
import io.tdstls.protocol.prelogin.EncryptionValue;

/**
 * The TDS 7.x ENCRYPTION negotiation as two pure functions over one table ([MS-TDS] 2.2.6.5; the
 * Babelfish table of seed 004).
 *
 * <p>The server's reply, by the client's base value and the server setting:
 *
 * <table>
 *   <caption>Server reply</caption>
 *   <tr><th>client sends</th><th>AVAILABLE (OFF)</th><th>FORCED (ON)</th><th>NOT_SUPPORTED</th></tr>
 *   <tr><td>OFF</td><td>OFF</td><td>REQ</td><td>NOT_SUP</td></tr>
 *   <tr><td>ON</td><td>ON</td><td>ON</td><td>NOT_SUP, then close</td></tr>
 *   <tr><td>NOT_SUP</td><td>NOT_SUP</td><td>REQ, then close</td><td>NOT_SUP</td></tr>
 *   <tr><td>REQ</td><td>ON</td><td>ON</td><td>NOT_SUP, then close</td></tr>
 *   <tr><td>CLIENT_CERT + OFF / ON / REQ</td><td>OFF / ON / ON</td><td>REQ / ON / ON</td>
 *       <td>NOT_SUP, then close</td></tr>
 * </table>
 *
 * <p>A client value with the CLIENT_CERT flag (0x80, 0x81, 0x83) is answered by its base value
 * under {@link ClientCertPolicy#MS_TDS}, except that a server without TLS answers NOT_SUP and
 * closes (certificate authentication needs TLS, whatever the base value); it is closed without a
 * reply under {@link ClientCertPolicy#BABELFISH}. Any other byte (0x04..0x7F, 0x82, 0x84..0xFF) is closed without a
 * reply: the server fails closed.
 *
 * <p>The client's outcome, by its own base value and the reply: sent OFF and got OFF gives
 * login-only; ON or REQ on either side, with neither side NOT_SUP, gives full encryption; NOT_SUP
 * with nobody requiring encryption gives none. A client that wanted encryption (or sent CLIENT_CERT)
 * and gets NOT_SUP fails, and so does a client that sent NOT_SUP to a server that wants
 * encryption.
 */
public final class EncryptionTable {

  private static final EncryptionValue OFF = EncryptionValue.OFF;
  private static final EncryptionValue ON = EncryptionValue.ON;
  private static final EncryptionValue NOT_SUP = EncryptionValue.NOT_SUP;
  private static final EncryptionValue REQ = EncryptionValue.REQ;

  /** Rows: client base level (OFF, ON, NOT_SUP, REQ); columns: {@link ServerEncryption}. */
  private static final ServerReply[][] SERVER_TABLE = {
    /* OFF     */ {ServerReply.answer(OFF), ServerReply.answer(REQ), ServerReply.answer(NOT_SUP)},
    /* ON      */ {ServerReply.answer(ON), ServerReply.answer(ON),
                   ServerReply.answerThenClose(NOT_SUP, "the client requires encryption; the server has none")},
    /* NOT_SUP */ {ServerReply.answer(NOT_SUP),
                   ServerReply.answerThenClose(REQ, "the server requires encryption; the client does not support it"),
                   ServerReply.answer(NOT_SUP)},
    /* REQ     */ {ServerReply.answer(ON), ServerReply.answer(ON),
                   ServerReply.answerThenClose(NOT_SUP, "the client requires encryption; the server has none")},
  };

  private EncryptionTable() {}

  /**
   * Returns the server's answer to a client's ENCRYPTION byte.
   *
   * @param client the byte the client sent
   * @param server how the server is set up
   * @param policy how the CLIENT_CERT flag is treated
   * @return the reply, possibly followed by a close, or a close without a reply
   */
  public static ServerReply serverReply(EncryptionValue client, ServerEncryption server, ClientCertPolicy policy) {
    if (!client.isValid()) {
      return ServerReply.closeWithoutReply("invalid client ENCRYPTION value " + client);
    }
    if (client.clientCert() && policy == ClientCertPolicy.BABELFISH) {
      return ServerReply.closeWithoutReply("ENCRYPT_CLIENT_CERT is unsupported (Babelfish policy)");
    }
    if (client.clientCert() && server == ServerEncryption.NOT_SUPPORTED) {
      return ServerReply.answerThenClose(NOT_SUP,
          "the client asks for certificate authentication, which needs TLS; the server has none");
    }
    return SERVER_TABLE[client.level().orElseThrow().code()][server.ordinal()];
  }

  /**
   * Returns what a TDS 7.x client does with the server's reply.
   *
   * @param sent the byte the client sent (ENCRYPT_NOT_SUP for mode {@code off}, ENCRYPT_OFF for
   *     {@code optional}, ENCRYPT_ON for {@code mandatory}; possibly with CLIENT_CERT)
   * @param reply the byte the server answered
   * @return the outcome, or a failure with its kind and reason
   */
  public static ClientOutcome clientOutcome(EncryptionValue sent, EncryptionValue reply) {
    if (!sent.isValid()) {
      throw new IllegalArgumentException("a client never sends the invalid ENCRYPTION value " + sent);
    }
    if (!reply.isValid() || reply.clientCert()) {
      return ClientOutcome.fail(Kind.PROTOCOL_VIOLATION,
          "the server answered ENCRYPTION " + reply + ", which is not a valid server reply");
    }
    EncryptionLevel mine = sent.level().orElseThrow();
    EncryptionLevel theirs = reply.level().orElseThrow();
    if (mine == EncryptionLevel.NOT_SUP) {
      return theirs.wantsEncryption()
          ? ClientOutcome.fail(Kind.ENCRYPTION_REQUIRED,
              "the server requires encryption (it answered " + reply + "), but this client's encryption mode is off")
          : ClientOutcome.proceed(Outcome.NONE);
    }
    if (theirs == EncryptionLevel.NOT_SUP) {
      if (sent.clientCert()) {
        return ClientOutcome.fail(Kind.ENCRYPTION_NOT_SUPPORTED, "this client authenticates with a certificate,"
            + " which needs TLS, but the server answered " + reply + " (no TLS available)");
      }
      return mine.wantsEncryption()
          ? ClientOutcome.fail(Kind.ENCRYPTION_NOT_SUPPORTED,
              "this client requires encryption, but the server answered " + reply + " (no TLS available)")
          : ClientOutcome.proceed(Outcome.NONE);
    }
    if (mine == EncryptionLevel.OFF && theirs == EncryptionLevel.OFF) {
      return ClientOutcome.proceed(Outcome.LOGIN_ONLY);
    }
    return ClientOutcome.proceed(Outcome.FULL);
  }
}
