package io.tdstls.server.diagnostic;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.protocol.login.Login7;
import io.tdstls.server.auth.AuthFacts;
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
 * @param auth how the session authenticated (method, auth_scheme, principal)
 */
public record SessionFacts(
    int spid,
    InetSocketAddress client,
    InetSocketAddress local,
    NegotiatedSecurity security,
    Login7 login,
    String serverName,
    SessionState state,
    AuthFacts auth) {

  /**
   * Facts of a SQL-password session.
   *
   * @param spid the session id
   * @param client the client address
   * @param local the local address
   * @param security what was negotiated
   * @param login the LOGIN7
   * @param serverName the server name
   * @param state the session's live state
   */
  public SessionFacts(int spid, InetSocketAddress client, InetSocketAddress local, NegotiatedSecurity security,
      Login7 login, String serverName, SessionState state) {
    this(spid, client, local, security, login, serverName, state, AuthFacts.sql(login.userName()));
  }

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
