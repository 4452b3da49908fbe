package io.tdstls.client.auth;

import java.util.Optional;

/**
 * Makes the token provider for an {@code Authentication=} value of a connection string (for
 * example {@code ActiveDirectoryServicePrincipal}), so that a connection string alone can sign in
 * to a token service. Implementations are found with {@link java.util.ServiceLoader}: put one on
 * the class path (the module {@code tds-tls-msal} has one built on Microsoft's MSAL4J) and
 * register it in {@code META-INF/services/io.tdstls.client.auth.TokenProviderFactory}.
 */
public interface TokenProviderFactory {

  /**
   * Returns a provider for one connection string's settings.
   *
   * @param authentication the {@code Authentication=} value as written, for example {@code
   *     ActiveDirectoryServicePrincipal}
   * @param user the {@code User ID} (for a service principal, its client id), or empty
   * @param password the {@code Password} (for a service principal, its secret), or empty; the
   *     factory may keep it, the caller does not clear it
   * @return the provider, or empty if this factory does not serve that value
   */
  Optional<TokenProvider> create(String authentication, Optional<String> user, Optional<char[]> password);
}
