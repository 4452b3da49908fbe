package io.tdstls.protocol.token;

/**
 * One token of a tabular result ([MS-TDS] 2.2.7). Switch over the records:
 *
 * <pre>{@code
 * for (Token t : decoder.decode(payload)) {
 *   if (t instanceof LoginAck ack) { ... }
 *   else if (t instanceof ServerMessage m && m.isError()) { ... }
 *   else if (t instanceof Done d && d.has(DoneStatus.ERROR)) { ... }
 * }
 * }</pre>
 */
public sealed interface Token
    permits LoginAck, EnvChange, ServerMessage, Done, ColMetadata, Row, Order, ReturnStatus,
        ReturnValue, FeatureExtAck, FedAuthInfo, SspiToken, SkippedToken {

  /**
   * Returns the token's type.
   *
   * @return the type
   */
  TokenType type();
}
