package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.packet.TdsMessage;

/**
 * Known client bugs the server works around, each named after the client it serves.
 *
 * <p><b>jTDS, login-only.</b> jTDS 1.3.1 ({@code ssl=request}) leaves TLS after sending LOGIN7
 * by closing its TLS socket, which on Java 11+ drains the bytes already received: a login
 * response that arrives before that is lost and the login times out. SQL Server is never that
 * fast; this server is, so it delays that one response by {@link #JTDS_LOGIN_ONLY_DELAY_MS} (a
 * relaying session, such as the gateway's, gets that LOGIN7 that much later, so its answer cannot
 * come sooner either).
 * jTDS names itself in LOGIN7's client interface name; no other client is delayed.
 */
final class ClientQuirks {

  /** How long the login-only answer to jTDS waits. */
  static final long JTDS_LOGIN_ONLY_DELAY_MS = 50;

  private ClientQuirks() {}

  /** How long to hold back the answer to this LOGIN7, in milliseconds (0 for nearly every client). */
  static long loginReplyDelayMillis(TdsMessage login7, Outcome outcome) {
    if (outcome != Outcome.LOGIN_ONLY) {
      return 0;
    }
    try {
      return "jTDS".equalsIgnoreCase(Login7.decode(login7.payload()).clientInterfaceName()) ? JTDS_LOGIN_ONLY_DELAY_MS : 0;
    } catch (TdsException e) {
      return 0; // the session handler has already accepted it; nothing to work around
    }
  }
}
