package io.tdstls.server.auth;

import java.util.Objects;

/**
 * How a session was authenticated, for {@code sys.dm_exec_connections} and {@code
 * tdstls.negotiation}.
 *
 * @param method {@code SQL password}, {@code security token}, {@code federated (information
 *     request)} or {@code SSPI (Kerberos)}
 * @param authScheme the {@code auth_scheme} reported, from SQL Server's documented vocabulary:
 *     {@code KERBEROS} for SSPI logins ({@code NTLM} is never accepted here), and {@code SQL} for
 *     every login that is not Windows authentication, SQL passwords and tokens alike (see {@link
 *     #FEDAUTH_SCHEME}); {@link #method} tells a token login apart
 * @param principal the authenticated principal: the SQL login, the token's user, or the Kerberos
 *     client principal
 */
public record AuthFacts(String method, String authScheme, String principal) {

  /**
   * What this endpoint reports as auth_scheme for federated-authentication (token) logins: {@code
   * SQL}. SQL Server documents the column as the Windows mechanism ({@code NTLM}, {@code KERBEROS},
   * {@code NEGOTIATE}, {@code DIGEST}, {@code BASIC}) or {@code SQL} for everything else; it has no
   * token value, and a token login does not go through the Windows security packages, so tools that
   * test {@code auth_scheme} see the same value as from SQL Server. The method ({@code security
   * token}, {@code federated (information request)}) is in {@code tdstls.negotiation}'s {@code
   * auth_method}.
   */
  public static final String FEDAUTH_SCHEME = "SQL";

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
