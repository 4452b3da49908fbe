package io.tdstls.server.auth;

import java.util.Objects;

/**
 * How a session was authenticated, for {@code sys.dm_exec_connections} and {@code
 * tdstls.negotiation}.
 *
 * @param method {@code SQL password}, {@code security token}, {@code federated (information
 *     request)} or {@code SSPI (Kerberos)}
 * @param authScheme the {@code auth_scheme} reported: {@code SQL} or {@code KERBEROS} as SQL Server
 *     does ({@code NTLM} is never accepted here), and {@link #FEDAUTH_SCHEME} for token logins
 * @param principal the authenticated principal: the SQL login, the token's user, or the Kerberos
 *     client principal
 */
public record AuthFacts(String method, String authScheme, String principal) {

  /** What this endpoint reports as auth_scheme for federated-authentication (token) logins. */
  public static final String FEDAUTH_SCHEME = "FEDAUTH";

  /**
   * Checks for nulls.
   *
   * @param method the method
   * @param authScheme the auth_scheme value
   * @param principal the principal
   */
  public AuthFacts {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(authScheme, "authScheme");
    Objects.requireNonNull(principal, "principal");
  }

  /**
   * A SQL password login.
   *
   * @param user the login name
   * @return the facts
   */
  public static AuthFacts sql(String user) {
    return new AuthFacts("SQL password", "SQL", user);
  }
}
