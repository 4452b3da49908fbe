package io.tdstls.gateway;

import io.tdstls.config.BackendTls;
import io.tdstls.config.Credentials;
import io.tdstls.config.RouteConfig;
import io.tdstls.config.RouteLogin;
import io.tdstls.config.RouteMatch;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One backend behind the gateway's listener: what selects it, where it is, how the gateway
 * connects there (its own TLS settings and timeout), and how its clients log in (the route's
 * {@link RouteLogin} and the backend {@link Credentials} it holds, for the login mapping).
 *
 * @param name the route's name (in audit lines and logs; never shown to clients)
 * @param match what selects the route
 * @param backendHost the backend's host (also the name checked in its certificate)
 * @param backendPort the backend's port
 * @param backendTls how the gateway connects to the backend
 * @param backendTimeout the limit for connecting and logging in to the backend
 * @param login how the route's clients are logged in
 * @param credentials the backend logins the route holds, by name
 */
public record GatewayRoute(String name, RouteMatch match, String backendHost, int backendPort, TlsConfig backendTls,
    Duration backendTimeout, RouteLogin login, Map<String, Credentials> credentials) {

  /** The name of the one route a gateway with a single backend has. */
  public static final String SINGLE = "default";

  /** The backend timeout when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Checks and copies the components.
   *
   * @param name see the record component
   * @param match see the record component
   * @param backendHost see the record component
   * @param backendPort see the record component
   * @param backendTls see the record component
   * @param backendTimeout see the record component
   * @param login see the record component
   * @param credentials see the record component
   */
  public GatewayRoute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(backendHost, "backendHost");
    if (backendPort < 1 || backendPort > 65535) {
      throw new IllegalArgumentException("backend port must be 1..65535, was " + backendPort);
    }
    Objects.requireNonNull(backendTls, "backendTls");
    Objects.requireNonNull(backendTimeout, "backendTimeout");
    if (backendTimeout.isNegative() || backendTimeout.isZero()) {
      throw new IllegalArgumentException("the backend timeout must be positive, was " + backendTimeout);
    }
    Objects.requireNonNull(login, "login");
    credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
  }

  /**
   * The route of a gateway with one backend ({@code --backend HOST:PORT}): the default route, with
   * the client's own login passed through.
   *
   * @param host the backend's host
   * @param port the backend's port
   * @param tls how the gateway connects there
   * @param timeout the limit for connecting and logging in
   * @return the route
   */
  public static GatewayRoute single(String host, int port, TlsConfig tls, Duration timeout) {
    return new GatewayRoute(SINGLE, new RouteMatch(RouteMatch.Kind.DEFAULT, ""), host, port, tls, timeout,
        RouteLogin.passthrough(), Map.of());
  }

  /**
   * A route from a configuration file's {@code routes[i]}.
   *
   * @param r the route as configured
   * @param defaultTimeout the backend timeout when the route names none
   * @return the route
   * @throws io.tdstls.error.TdsConfigException if its TLS settings contradict each other, or a
   *     secret (the client key's password) cannot be read
   */
  public static GatewayRoute of(RouteConfig r, Duration defaultTimeout) {
    BackendTls t = r.backendTls();
    return new GatewayRoute(r.name(), r.match(), r.backendHost(), r.backendPort(), tlsConfig(t),
        t.timeout() != null ? t.timeout() : defaultTimeout, r.login(), r.credentials());
  }

  /**
   * Turns a route's {@code backend.tls} section into the client TLS settings.
   *
   * @param t the section
   * @return the settings
   */
  static TlsConfig tlsConfig(BackendTls t) {
    TlsConfig.Builder b = TlsConfig.builder().mode(t.encrypt());
    for (Path ca : t.caFiles()) {
      b.caFile(ca);
    }
    if (t.trustStore() != null) {
      b.trustStore(t.trustStore(), "PKCS12", t.trustStorePassword() == null ? null
          : t.trustStorePassword().reveal().toCharArray());
    }
    if (t.hostNameInCertificate() != null) {
      b.hostNameInCertificate(t.hostNameInCertificate());
    }
    if (t.noHostnameCheck()) {
      b.hostnameVerification(false);
    }
    if (t.serverCertificate() != null) {
      b.serverCertificate(t.serverCertificate());
    }
    if (t.serverCertificateSha256() != null) {
      b.serverCertificateSha256(t.serverCertificateSha256());
    }
    if (t.trustServerCertificate()) {
      b.dangerous().trustServerCertificate(true);
    }
    if (t.tlsMin() != null) {
      b.minProtocolVersion(t.tlsMin());
    }
    if (t.tlsMax() != null) {
      b.maxProtocolVersion(t.tlsMax());
    }
    if (t.clientCert() != null) {
      char[] password = t.clientKeyPassword() == null ? null : t.clientKeyPassword().reveal().toCharArray();
      b.clientAuth(t.clientKey() == null ? ClientAuth.pkcs12(t.clientCert(), password)
          : ClientAuth.pem(t.clientCert(), t.clientKey(), password));
    }
    return b.build();
  }

  /**
   * Tells whether the route's back side is weaker than the defaults: no encryption, or no
   * certificate or host name validation. Such a route is warned about at start and marks the audit
   * lines of its connections.
   *
   * @return whether the back side is insecure
   */
  public boolean insecure() {
    return backendTls.mode() == EncryptMode.OFF || backendTls.mode() == EncryptMode.OPTIONAL
        || backendTls.trustServerCertificate() || !backendTls.hostnameVerification();
  }

  /**
   * Returns the backend's address.
   *
   * @return {@code host:port}
   */
  public String backendAddress() {
    return backendHost + ":" + backendPort;
  }
}
