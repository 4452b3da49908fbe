package io.tdstls.config;

import java.util.Locale;
import java.util.Objects;

/**
 * What selects a route ({@code routes[i].match}): the strict client's SNI host name, LOGIN7's
 * ServerName field (what Azure SQL's gateway routes by), LOGIN7's database, or nothing (the
 * default route). Names compare case-insensitively.
 *
 * @param kind what is compared
 * @param value the name compared with, empty for {@link Kind#DEFAULT}
 */
public record RouteMatch(Kind kind, String value) {

  /** What a route matches on, in the order a gateway tries them. */
  public enum Kind {
    /** The TLS SNI host name of a strict (TDS 8.0) client; YAML key {@code sni}. */
    SNI,
    /** The ServerName field of LOGIN7; YAML key {@code server-name}. */
    SERVER_NAME,
    /** The Database field of LOGIN7; YAML key {@code database}. */
    DATABASE,
    /** Any connection no other route took; YAML {@code default: true}. */
    DEFAULT
  }

  /**
   * Checks the components.
   *
   * @param kind see the record component
   * @param value see the record component
   */
  public RouteMatch {
    Objects.requireNonNull(kind, "kind");
    value = kind == Kind.DEFAULT ? "" : Objects.requireNonNull(value, "value");
  }

  /**
   * Tells whether a connection's names select this match (the default route matches everything).
   *
   * @param sni the SNI host name, or {@code null}/empty
   * @param serverName LOGIN7's ServerName, or {@code null}/empty
   * @param database LOGIN7's Database, or {@code null}/empty
   * @return whether this match selects the connection
   */
  public boolean matches(String sni, String serverName, String database) {
    switch (kind) {
      case SNI:
        return same(sni);
      case SERVER_NAME:
        return same(serverName);
      case DATABASE:
        return same(database);
      default:
        return true;
    }
  }

  private boolean same(String name) {
    return name != null && name.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
  }
}
