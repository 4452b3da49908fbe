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
 * @param database the current database
 * @param packetSize the negotiated packet size
 * @param serverName the server's name ({@code @@SERVERNAME})
 */
public record SessionFacts(
    int spid,
    InetSocketAddress client,
    InetSocketAddress local,
    NegotiatedSecurity security,
    Login7 login,
    String database,
    int packetSize,
    String serverName) {}
