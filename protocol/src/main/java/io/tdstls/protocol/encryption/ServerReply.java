package io.tdstls.protocol.encryption;

import io.tdstls.protocol.prelogin.EncryptionValue;
import java.util.Optional;

/**
 * What a server does with a client's PRELOGIN ENCRYPTION byte: reply with a value, reply and then
 * close, or close at once without a reply.
 *
 * @param reply the ENCRYPTION byte to send, or {@code null} when the connection is closed without
 *     a reply
 * @param close whether the server closes the connection (after the reply, if there is one)
 * @param reason why the connection is closed; empty when it is not
 */
public record ServerReply(EncryptionValue reply, boolean close, String reason) {

  /**
   * Returns a reply that lets the connection go on.
   *
   * @param reply the ENCRYPTION byte to send
   * @return the decision
   */
  public static ServerReply answer(EncryptionValue reply) {
    return new ServerReply(reply, false, "");
  }

  /**
   * Returns a reply after which the server closes the connection.
   *
   * @param reply the ENCRYPTION byte to send
   * @param reason why the connection ends
   * @return the decision
   */
  public static ServerReply answerThenClose(EncryptionValue reply, String reason) {
    return new ServerReply(reply, true, reason);
  }

  /**
   * Returns a decision to close without replying.
   *
   * @param reason why the connection ends
   * @return the decision
   */
  public static ServerReply closeWithoutReply(String reason) {
    return new ServerReply(null, true, reason);
  }

  /**
   * Returns the ENCRYPTION byte to send, if any.
   *
   * @return the reply value, or empty when the server closes without a reply
   */
  public Optional<EncryptionValue> replyValue() {
    return Optional.ofNullable(reply);
  }

  @Override
  public String toString() {
    if (reply == null) {
      return "close (" + reason + ")";
    }
    return close ? reply + ", then close (" + reason + ")" : reply.toString();
  }
}
