package io.tdstls.server;

import io.tdstls.negotiation.NegotiatedSecurity;
import java.net.SocketAddress;

/**
 * What a session handler knows about its connection.
 *
 * @param spid the session id given to this connection (also its number in the server's log)
 * @param remote the client's address
 * @param local the server's address
 * @param security what the negotiation settled (outcome, both PRELOGIN messages, TLS facts)
 */
public record ConnectionInfo(int spid, SocketAddress remote, SocketAddress local, NegotiatedSecurity security) {}
