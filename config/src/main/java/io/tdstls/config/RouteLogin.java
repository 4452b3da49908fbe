package io.tdstls.config;

import java.util.List;
import java.util.Objects;

/**
 * How a gateway logs a route's clients in ({@code routes[i].login}).
 *
 * @param mode who checks the client
 * @param credentials for {@link Mode#GATEWAY_USERS}: the key of the route's {@code credentials}
 *     used for every gateway user ({@code as}); otherwise {@code null}
 * @param certificates for {@link Mode#CERTIFICATE}: the identities accepted and their logins
 */
public record RouteLogin(Mode mode, String credentials, List<CertificateLogin> certificates) {

  /** Who authenticates the client. */
  public enum Mode {
    /** The client's LOGIN7 goes to the backend as it is (the default). */
    PASSTHROUGH,
    /** The gateway checks LOGIN7's name and password against its users, then logs in with held credentials. */
    GATEWAY_USERS,
    /** The client's certificate (strict, mTLS) is checked and mapped to held credentials. */
    CERTIFICATE
  }

  /**
   * Checks the components.
   *
   * @param mode see the record component
   * @param credentials see the record component
   * @param certificates see the record component
   */
  public RouteLogin {
    Objects.requireNonNull(mode, "mode");
    certificates = List.copyOf(certificates);
  }

  /**
   * Returns the default: pass the client's login through.
   *
   * @return the passthrough login
   */
  public static RouteLogin passthrough() {
    return new RouteLogin(Mode.PASSTHROUGH, null, List.of());
  }
}
