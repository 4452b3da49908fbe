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
 * @param database the current database
 * @param packetSize the negotiated packet size
 * @param serverName the server's name ({@code @@SERVERNAME})
 * @param auth how the session authenticated (method, auth_scheme, principal)
 */
public record SessionFacts(
    int spid,
    InetSocketAddress client,
    InetSocketAddress local,
    NegotiatedSecurity security,
    Login7 login,
    String database,
    int packetSize,
    String serverName,
    AuthFacts auth) {

  /**
   * Facts of a SQL-password session.
   *
   * @param spid the session id
   * @param client the client address
   * @param local the local address
   * @param security what was negotiated
   * @param login the LOGIN7
   * @param database the current database
   * @param packetSize the packet size
   * @param serverName the server name
   */
  public SessionFacts(int spid, InetSocketAddress client, InetSocketAddress local, NegotiatedSecurity security,
      Login7 login, String database, int packetSize, String serverName) {
    this(spid, client, local, security, login, database, packetSize, serverName, AuthFacts.sql(login.userName()));
  }
}
