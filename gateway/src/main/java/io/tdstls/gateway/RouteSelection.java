package io.tdstls.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * The route of one connection, chosen in two steps: at the front TLS handshake (its SNI name) and
 * at LOGIN7 (ServerName and database). When the handshake already settles it — the table has one
 * default route and no route by login names, or a route matches the SNI name — the route is {@link
 * #knownBeforeLogin() known before login}, and the backend can be opened before LOGIN7 arrives.
 */
public final class RouteSelection {

  private final RouteTable table;
  private final String sni;
  private final GatewayRoute early;

  RouteSelection(RouteTable table, String sni, GatewayRoute early) {
    this.table = Objects.requireNonNull(table, "table");
    this.sni = sni;
    this.early = early;
  }

  /**
   * Tells whether LOGIN7 cannot change the route: a route matched the SNI name, or the table routes
   * by nothing LOGIN7 carries and has a default route.
   *
   * @return whether {@link #beforeLogin()} is present
   */
  public boolean knownBeforeLogin() {
    return early != null;
  }

  /**
   * Returns the route if it is known before login.
   *
   * @return the route, or empty until LOGIN7
   */
  public Optional<GatewayRoute> beforeLogin() {
    return Optional.ofNullable(early);
  }

  /**
   * Returns the SNI name the selection started with.
   *
   * @return the name, or empty
   */
  public String sni() {
    return sni == null ? "" : sni;
  }

  /**
   * Chooses the route once LOGIN7 is known.
   *
   * @param serverName LOGIN7's ServerName, or {@code null}/empty
   * @param database LOGIN7's Database, or {@code null}/empty
   * @return the route, or empty if no route takes the connection (it is then refused)
   */
  public Optional<GatewayRoute> atLogin(String serverName, String database) {
    return early != null ? Optional.of(early) : table.select(sni, serverName, database);
  }
}
