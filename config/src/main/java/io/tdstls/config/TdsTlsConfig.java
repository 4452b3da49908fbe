package io.tdstls.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tds-tls configuration file, validated: the listener, the users, the gateway's routes, and the
 * operations settings (metrics address, drain timeout, reload interval). Read by {@code tds-tls
 * serve --config FILE} and by the gateway.
 *
 * <pre>{@code
 * TdsTlsConfig config = TdsTlsConfig.load(Path.of("tds-tls.yaml"));
 * ListenerConfig listener = config.listener();
 * Optional<RouteConfig> route = config.route(sni, serverName, database);
 * }</pre>
 *
 * <p>Top-level keys: {@code listener}, {@code users}, {@code routes}, {@code metrics}, {@code
 * drain-timeout}, {@code reload-interval}, {@code audit-file} (the gateway's audit lines). Relative file paths are resolved against the file's
 * directory.
 *
 * @param source the file read
 * @param listener where and how to listen
 * @param users the logins accepted
 * @param routes the gateway's routes, in file order
 * @param metrics the {@code HOST:PORT} of the metrics and health endpoint, or {@code null}
 * @param drainTimeout how long open sessions may finish on SIGTERM
 * @param reloadInterval how often the file is checked for changes
 * @param auditFile where the gateway appends its audit lines, or {@code null} for standard error
 */
public record TdsTlsConfig(Path source, ListenerConfig listener, UsersConfig users, List<RouteConfig> routes,
    String metrics, Duration drainTimeout, Duration reloadInterval, Path auditFile) {

  /**
   * A configuration without an audit file.
   *
   * @param source see the record component
   * @param listener see the record component
   * @param users see the record component
   * @param routes see the record component
   * @param metrics see the record component
   * @param drainTimeout see the record component
   * @param reloadInterval see the record component
   */
  public TdsTlsConfig(Path source, ListenerConfig listener, UsersConfig users, List<RouteConfig> routes,
      String metrics, Duration drainTimeout, Duration reloadInterval) {
    this(source, listener, users, routes, metrics, drainTimeout, reloadInterval, null);
  }

  /** The default drain timeout. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** The default reload interval. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);

  /**
   * Checks and copies the components.
   *
   * @param source see the record component
   * @param listener see the record component
   * @param users see the record component
   * @param routes see the record component
   * @param metrics see the record component
   * @param drainTimeout see the record component
   * @param reloadInterval see the record component
   * @param auditFile see the record component
   */
  public TdsTlsConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(users, "users");
    routes = List.copyOf(routes);
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /**
   * Reads and validates a configuration file.
   *
   * @param file the YAML file
   * @return the configuration
   * @throws ConfigException naming the key, line and column of the first problem
   */
  public static TdsTlsConfig load(Path file) {
    try {
      return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(file, "", 0, 0, "cannot read the configuration file: " + e.getMessage(), e);
    }
  }

  /**
   * Validates configuration text.
   *
   * @param file the file the text came from (in messages, and the base of relative paths)
   * @param yaml the YAML text
   * @return the configuration
   * @throws ConfigException naming the key, line and column of the first problem
   */
  public static TdsTlsConfig parse(Path file, String yaml) {
    return ConfigParser.parse(YamlDocument.parse(file, yaml.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Returns the files whose change means the configuration must be read again: this file and the
   * users file (certificate files are watched by the server itself).
   *
   * @return the files
   */
  public List<Path> watchedFiles() {
    List<Path> files = new ArrayList<>(List.of(source));
    if (users.file() != null) {
      files.add(users.file());
    }
    return List.copyOf(files);
  }

  /**
   * Picks the route for a connection: a matching SNI route first, then ServerName, then database,
   * then the default route.
   *
   * @param sni the strict client's SNI host name, or {@code null}
   * @param serverName LOGIN7's ServerName, or {@code null}
   * @param database LOGIN7's Database, or {@code null}
   * @return the route, or empty if none matches and there is no default route
   */
  public Optional<RouteConfig> route(String sni, String serverName, String database) {
    for (RouteMatch.Kind kind : RouteMatch.Kind.values()) {
      for (RouteConfig r : routes) {
        if (r.match().kind() == kind && r.match().matches(sni, serverName, database)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }
}
