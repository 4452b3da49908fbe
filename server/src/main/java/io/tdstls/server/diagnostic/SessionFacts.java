package io.tdstls.server.diagnostic;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.protocol.login.Login7;
import java.net.InetSocketAddress;

/**
 * What the diagnostic endpoint knows about a session, for its introspection queries.
 *
 * @param spid the session id ({@code @@SPID})
 * @param client the client's address
 * @param local the server's address
 * @param security what the negotiation settled
 * @param login the client's LOGIN7
 * @param serverName the server's name ({@code @@SERVERNAME})
 * @param state the session's live state (database, options, transaction, prepared statements)
 */
public record SessionFacts(
    int spid,
    InetSocketAddress client,
    InetSocketAddress local,
    NegotiatedSecurity security,
    Login7 login,
    String serverName,
    SessionState state) {

  /**
   * Returns the current database.
   *
   * @return the database name
   */
  public String database() {
    return state.database();
  }

  /**
   * Returns the negotiated packet size.
   *
   * @return the size in bytes
   */
  public int packetSize() {
    return state.packetSize();
  }
}
