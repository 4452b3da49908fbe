package io.tdstls.gateway;

import io.tdstls.config.CertificateLogin;
import io.tdstls.config.Credentials;
import io.tdstls.config.RouteLogin;
import io.tdstls.error.TdsConfigException;
import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.Login7;
import io.tdstls.server.Authenticator;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, for one route, which LOGIN7 the backend gets for a client's LOGIN7 (pure: no I/O but
 * reading a held password's {@link io.tdstls.config.Secret}).
 *
 * <ul>
 *   <li>{@link RouteLogin.Mode#PASSTHROUGH}: the client's LOGIN7 as it is.
 *   <li>{@link RouteLogin.Mode#CERTIFICATE}: the client must have logged in on the strict path with a
 *       certificate the front verified against its client CA; the certificate's subject or a SAN
 *       names the held credentials. The client's own user name and password are ignored.
 *   <li>{@link RouteLogin.Mode#GATEWAY_USERS}: LOGIN7's user name and password are checked against
 *       the gateway's users (a hashed password file, compared in constant time); every user logs
 *       in with the route's one held login.
 * </ul>
 *
 * <p>A mapped LOGIN7 keeps everything of the client's (application, host, database, language,
 * client PID, interface, packet size, flags, features) but the user name and password, which are
 * the held ones, re-encoded with the password obfuscation of [MS-TDS] 2.2.6.4. Integrated (SSPI)
 * and federated (FEDAUTH) authentication are removed, and so is a password change. A refusal is
 * SQL Server's 18456 "Login failed" with advice, naming nothing held by the gateway.
 */
final class LoginMapping {

  /** SQL Server's "Login failed for user" error number. */
  static final int LOGIN_FAILED = 18456;

  private final RouteLogin login;
  private final Map<String, Credentials> credentials;
  private final Authenticator users;

  /**
   * Checks a route's login settings.
   *
   * @param login the route's login mode
   * @param credentials the route's held backend logins, by key
   * @param users the gateway's users, needed for {@link RouteLogin.Mode#GATEWAY_USERS}, else may be null
   * @throws IllegalArgumentException if a credentials key the login names is not held, a subject
   *     is not a distinguished name, or gateway users are asked for without users
   */
  LoginMapping(RouteLogin login, Map<String, Credentials> credentials, Authenticator users) {
    this.login = Objects.requireNonNull(login, "login");
    this.credentials = Map.copyOf(credentials);
    this.users = users;
    switch (login.mode()) {
      case GATEWAY_USERS:
        if (users == null) {
          throw new IllegalArgumentException("gateway users logins need the gateway's users (a password file"
              + " made with tds-tls hash-password)");
        }
        requireHeld(login.credentials(), "login.as");
        break;
      case CERTIFICATE:
        if (login.certificates().isEmpty()) {
          throw new IllegalArgumentException("certificate logins need at least one identity under login.certificates");
        }
        for (CertificateLogin c : login.certificates()) {
          CertificateIdentity.validate(c);
          requireHeld(c.credentials(), "the 'as' of " + CertificateIdentity.describe(c));
        }
        break;
      default:
        break;
    }
  }

  /** The default: every client's LOGIN7 goes to the backend unchanged. */
  static LoginMapping passthrough() {
    return new LoginMapping(RouteLogin.passthrough(), Map.of(), null);
  }

  /** The route's login mode. */
  RouteLogin.Mode mode() {
    return login.mode();
  }

  private void requireHeld(String key, String where) {
    if (key == null || !credentials.containsKey(key)) {
      throw new IllegalArgumentException(where + " names the credentials '" + key + "', which the route does not hold"
          + " (held: " + credentials.keySet() + ")");
    }
  }

  /** What to do with a client's login. */
  sealed interface Decision permits Forward, Refuse {}

  /**
   * Send a LOGIN7 to the backend.
   *
   * @param login the LOGIN7 to encode, or {@code null} to relay the client's bytes unchanged
   * @param backendUser the user name the backend gets
   * @param identity what authenticated the client: a certificate identity ({@code subject:...},
   *     {@code dns:...}), {@code gateway-user:NAME}, or empty for passthrough
   */
  record Forward(Login7 login, String backendUser, String identity) implements Decision {}

  /**
   * Refuse the login with SQL Server's error 18456.
   *
   * @param message what the client is told: the reason in general terms and what to do
   * @param reason what the audit line and the log say (the operator's view, no secret)
   */
  record Refuse(String message, String reason) implements Decision {}

  /**
   * Decides about one login.
   *
   * @param client the client's decoded LOGIN7
   * @param verifiedChain the client's certificate chain as the front verified it, leaf first;
   *     empty without one
   * @param strict whether the client connected on the strict (TDS 8.0) path
   * @return what to send to the backend, or the refusal
   */
  Decision map(Login7 client, List<X509Certificate> verifiedChain, boolean strict) {
    switch (login.mode()) {
      case CERTIFICATE:
        return byCertificate(client, verifiedChain, strict);
      case GATEWAY_USERS:
        return byGatewayUser(client);
      default:
        return new Forward(null, client.userName(), "");
    }
  }

  private Decision byCertificate(Login7 client, List<X509Certificate> chain, boolean strict) {
    if (!strict || chain.isEmpty()) {
      return new Refuse(failed(client.userName()) + " This gateway logs clients in by client certificate: connect with"
          + " encrypt=strict (TDS 8.0) and present a certificate issued by the gateway's client CA.",
          strict ? "no client certificate" : "a TDS 7.x login where a client certificate is required");
    }
    X509Certificate leaf = chain.get(0);
    String subject = leaf.getSubjectX500Principal().getName();
    Optional<CertificateLogin> id = CertificateIdentity.match(leaf, login.certificates());
    if (id.isEmpty()) {
      return new Refuse("Login failed. The client certificate '" + subject + "' is not mapped to a login here: ask the"
          + " gateway's operator to add its subject or one of its names to the route's login.certificates.",
          "the client certificate " + subject + " is not mapped");
    }
    return mapped(client, credentials.get(id.get().credentials()), CertificateIdentity.describe(id.get()));
  }

  private Decision byGatewayUser(Login7 client) {
    if (client.integratedSecurity() || client.userName().isEmpty()) {
      return new Refuse(failed(client.userName()) + " This gateway checks SQL logins itself: log in with a user name"
          + " and password (not integrated or token authentication).", "no user name and password in LOGIN7");
    }
    if (client.changesPassword()) {
      return new Refuse(failed(client.userName()) + " Passwords cannot be changed through this gateway; ask its"
          + " operator.", "the client asked to change the password of " + client.userName());
    }
    if (!users.authenticate(client.userName(), client.password())) {
      return new Refuse(failed(client.userName()) + " Check the user name and password.",
          "wrong user name or password for " + client.userName());
    }
    return mapped(client, credentials.get(login.credentials()), "gateway-user:" + client.userName());
  }

  private static Decision mapped(Login7 client, Credentials held, String identity) {
    String password;
    try {
      password = held.password().reveal();
    } catch (TdsConfigException e) {
      return new Refuse("Login failed. The gateway could not read the login it holds for this connection; ask its"
          + " operator to check the gateway's log.", "the held password of " + held.user() + " cannot be read: "
          + e.getMessage());
    }
    List<FeatureExt> features = client.featureExt().stream()
        .filter(f -> f.id() != FedAuthFeature.FEATURE_ID).toList();
    int flags3 = client.optionFlags3() & ~Login7.OPTION3_CHANGE_PASSWORD;
    if (features.isEmpty()) {
      flags3 &= ~Login7.OPTION3_EXTENSION;
    }
    Login7 backend = client.toBuilder()
        .userName(held.user())
        .password(password)
        .changePassword("")
        .sspi(new byte[0])
        .optionFlags2(client.optionFlags2() & ~Login7.OPTION2_INT_SECURITY)
        .optionFlags3(flags3)
        .featureExt(features)
        .build();
    return new Forward(backend, held.user(), identity);
  }

  private static String failed(String user) {
    return user.isEmpty() ? "Login failed." : "Login failed for user '" + user + "'.";
  }
}
