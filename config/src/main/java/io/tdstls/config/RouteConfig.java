package io.tdstls.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One gateway route ({@code routes[i]}), used by {@code tds-tls gateway}: which connections it
 * takes, the backend they go to and how, and the logins it holds.
 *
 * @param name the route's name (unique; in logs and metrics)
 * @param match what selects the route
 * @param backendHost the backend's host
 * @param backendPort the backend's port
 * @param backendTls how the backend connection is secured
 * @param login how clients are logged in
 * @param credentials backend logins held for this route, by name
 */
public record RouteConfig(String name, RouteMatch match, String backendHost, int backendPort, BackendTls backendTls,
    RouteLogin login, Map<String, Credentials> credentials) {

  /**
   * Checks and copies the components.
   *
   * @param name see the record component
   * @param match see the record component
   * @param backendHost see the record component
   * @param backendPort see the record component
   * @param backendTls see the record component
   * @param login see the record component
   * @param credentials see the record component
   */
  public RouteConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(backendHost, "backendHost");
    Objects.requireNonNull(backendTls, "backendTls");
    Objects.requireNonNull(login, "login");
    credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
  }

  /**
   * Returns held credentials by name.
   *
   * @param key the name under {@code credentials}
   * @return the credentials, if the route holds them
   */
  public Optional<Credentials> credentials(String key) {
    return Optional.ofNullable(credentials.get(key));
  }
}
