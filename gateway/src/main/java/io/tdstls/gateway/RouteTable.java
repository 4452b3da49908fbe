package io.tdstls.gateway;

import io.tdstls.config.RouteMatch;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.ClientEngineFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's routes: several backends behind one listener. A connection's route is chosen by
 * the SNI name of its front TLS handshake first, then by LOGIN7's ServerName, then by LOGIN7's
 * database, then the default route; names compare case-insensitively. A connection no route takes
 * is refused at LOGIN7 with an ERROR token that names none of the routes.
 *
 * <p>Each route's TLS trust material is loaded when the table is made, so a table that exists can
 * connect; a running gateway keeps a table per configuration, and each connection the one it
 * started with.
 *
 * <pre>{@code
 * RouteTable routes = RouteTable.of(List.of(
 *     GatewayRoute.of(salesRouteConfig, GatewayRoute.DEFAULT_TIMEOUT),
 *     GatewayRoute.single("legacy-sql.internal", 1433, legacyTls, GatewayRoute.DEFAULT_TIMEOUT)));
 * RouteSelection s = routes.begin(sni);               // at the TLS handshake
 * Optional<GatewayRoute> r = s.atLogin(serverName, database);  // at LOGIN7
 * }</pre>
 */
public final class RouteTable {

  private final List<GatewayRoute> routes;
  private final Map<GatewayRoute, ClientEngineFactory> engines = new IdentityHashMap<>();
  private final boolean loginNamesRoute;
  private final GatewayRoute defaultRoute;

  private RouteTable(List<GatewayRoute> routes) {
    this.routes = List.copyOf(routes);
    boolean byLogin = false;
    GatewayRoute dflt = null;
    for (GatewayRoute r : this.routes) {
      RouteMatch.Kind k = r.match().kind();
      byLogin |= k == RouteMatch.Kind.SERVER_NAME || k == RouteMatch.Kind.DATABASE;
      if (k == RouteMatch.Kind.DEFAULT) {
        dflt = r;
      }
      engines.put(r, r.backendTls().mode() == EncryptMode.OFF ? null : new ClientEngineFactory(r.backendTls()));
    }
    this.loginNamesRoute = byLogin;
    this.defaultRoute = dflt;
  }

  /**
   * Makes a table, loading every route's trust material.
   *
   * @param routes the routes, at least one; names unique, and no two routes matching the same name
   * @return the table
   * @throws IllegalArgumentException if there is no route, or two share a name or a match
   * @throws io.tdstls.error.TdsConfigException if a route's TLS material cannot be loaded
   */
  public static RouteTable of(List<GatewayRoute> routes) {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("a gateway needs at least one route (a backend)");
    }
    Set<String> names = new HashSet<>();
    Set<String> matches = new HashSet<>();
    for (GatewayRoute r : routes) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("two routes are named '" + r.name() + "': give each its own name");
      }
      if (!matches.add(r.match().kind() + "/" + r.match().value().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("route '" + r.name() + "' matches what another route already matches ("
            + r.match().kind().name().toLowerCase(Locale.ROOT) + " " + r.match().value() + ")");
      }
    }
    return new RouteTable(routes);
  }

  /**
   * A table of one default route.
   *
   * @param route the route
   * @return the table
   */
  public static RouteTable single(GatewayRoute route) {
    return of(List.of(route));
  }

  /**
   * Returns the routes, in the order given.
   *
   * @return the routes
   */
  public List<GatewayRoute> routes() {
    return routes;
  }

  /**
   * Chooses a route from every name a connection has given by LOGIN7.
   *
   * @param sni the front TLS handshake's SNI name, or {@code null}/empty
   * @param serverName LOGIN7's ServerName, or {@code null}/empty
   * @param database LOGIN7's Database, or {@code null}/empty
   * @return the route, or empty if none takes the connection
   */
  public Optional<GatewayRoute> select(String sni, String serverName, String database) {
    for (RouteMatch.Kind kind : RouteMatch.Kind.values()) {
      for (GatewayRoute r : routes) {
        if (r.match().kind() == kind && r.match().matches(sni, serverName, database)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts choosing the route of one connection, once its front TLS handshake is done (or at its
   * PRELOGIN, for a connection without TLS before login).
   *
   * @param sni the SNI name of the front TLS handshake, or {@code null}/empty
   * @return the selection, which tells whether the route is already known
   */
  public RouteSelection begin(String sni) {
    String name = sni == null || sni.isEmpty() ? null : sni;
    GatewayRoute early = null;
    if (name != null) {
      for (GatewayRoute r : routes) {
        if (r.match().kind() == RouteMatch.Kind.SNI && r.match().matches(name, null, null)) {
          early = r;
          break;
        }
      }
    }
    if (early == null && !loginNamesRoute) {
      early = defaultRoute;
    }
    return new RouteSelection(this, name, early);
  }

  /**
   * Returns the route every connection takes whatever it sends: the table routes by no SNI name
   * and no LOGIN7 field, and has a default route (a single {@code --backend} route, say). Only then
   * can the backend be opened at the client's PRELOGIN, before its TLS handshake and LOGIN7.
   *
   * @return the route, or empty when SNI or LOGIN7 may choose
   */
  public Optional<GatewayRoute> knownAtPreLogin() {
    for (GatewayRoute r : routes) {
      if (r.match().kind() == RouteMatch.Kind.SNI) {
        return Optional.empty();
      }
    }
    return begin(null).beforeLogin();
  }

  /** The TLS engine factory of a route of this table, or {@code null} if its encryption is off. */
  ClientEngineFactory engines(GatewayRoute route) {
    return engines.get(route);
  }

  /**
   * Returns the routes whose back side is weaker than the defaults (see {@link GatewayRoute#insecure()}).
   *
   * @return the insecure routes
   */
  public List<GatewayRoute> insecureRoutes() {
    List<GatewayRoute> out = new ArrayList<>();
    for (GatewayRoute r : routes) {
      if (r.insecure()) {
        out.add(r);
      }
    }
    return out;
  }
}
