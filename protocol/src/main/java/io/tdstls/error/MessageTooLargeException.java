package io.tdstls.error;

/**
 * The peer sent a message larger than the configured maximum message size. Nothing past the limit
 * is buffered: a peer's lengths and its endless messages are never believed.
 */
public class MessageTooLargeException extends TdsProtocolException {

  private final long limit;

  /**
   * Creates the error.
   *
   * @param limit the maximum message size, in bytes
   */
  public MessageTooLargeException(long limit) {
    super("message", "larger than the maximum message size of " + limit + " bytes", -1,
        "a legitimate peer rarely sends this much in one message: if it is expected, raise the limit"
            + " (maxMessageSize of ConnectionConfig on the client, of ServerConfig on the server) or, for a large"
            + " result, read it with TdsSession.executeStreaming, which never assembles it");
    this.limit = limit;
  }

  /**
   * Returns the limit that was exceeded.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }
}
