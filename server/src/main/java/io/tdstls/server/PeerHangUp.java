package io.tdstls.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Tells a peer's hang-up (a reset, a broken pipe, a channel already closed) from an error of ours.
 * A hang-up is an ordinary end of a connection and is logged as such, without a stack trace.
 */
final class PeerHangUp {

  /** The messages the JDK and Netty's native transports give a reset or aborted connection. */
  private static final Pattern MESSAGE = Pattern.compile(
      ".*(?:connection.*(?:reset|closed|abort|broken)|broken.*pipe).*", Pattern.CASE_INSENSITIVE);

  private PeerHangUp() {}

  /**
   * Tells whether an exception from the channel means the client went away.
   *
   * @param cause what Netty reported
   * @return whether it is a reset, a broken pipe or a closed channel (never a TLS error)
   */
  static boolean is(Throwable cause) {
    if (cause instanceof ClosedChannelException) {
      return true;
    }
    return cause instanceof IOException && !(cause instanceof SSLException)
        && cause.getMessage() != null && MESSAGE.matcher(cause.getMessage()).matches();
  }
}
