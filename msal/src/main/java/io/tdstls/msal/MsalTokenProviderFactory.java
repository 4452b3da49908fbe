package io.tdstls.msal;

import io.tdstls.client.auth.TokenProvider;
import io.tdstls.client.auth.TokenProviderFactory;
import io.tdstls.error.TdsConfigException;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves {@code Authentication=} values of connection strings with {@link MsalTokenProvider}
 * (registered for {@link java.util.ServiceLoader}):
 *
 * <ul>
 *   <li>{@code ActiveDirectoryServicePrincipal}: {@code User ID} is the client id, {@code
 *       Password} the client secret;
 *   <li>{@code ActiveDirectoryPassword}: {@code User ID} and {@code Password} are the user's; the
 *       client id is the system property {@value #CLIENT_ID_PROPERTY} (no default: it must be an
 *       application registered in your tenant for public-client sign-in).
 * </ul>
 *
 * <p>The system property {@value #AUTHORITY_PROPERTY}{@code =oidc} makes MSAL treat the server's
 * STS URL as a generic OpenID Connect issuer instead of an Entra ID authority.
 */
public final class MsalTokenProviderFactory implements TokenProviderFactory {

  /** The client id for {@code ActiveDirectoryPassword}. */
  public static final String CLIENT_ID_PROPERTY = "tdstls.msal.clientId";
  /** {@code entra} (default) or {@code oidc}: how MSAL treats the STS URL. */
  public static final String AUTHORITY_PROPERTY = "tdstls.msal.authority";

  /** For {@link java.util.ServiceLoader}. */
  public MsalTokenProviderFactory() {}

  @Override
  public Optional<TokenProvider> create(String authentication, Optional<String> user, Optional<char[]> password) {
    String v = authentication.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    MsalTokenProvider.Builder b;
    if (v.equals("activedirectoryserviceprincipal")) {
      b = MsalTokenProvider.servicePrincipal(user.orElse(null), password.map(String::new).orElse(null));
    } else if (v.equals("activedirectorypassword")) {
      String clientId = System.getProperty(CLIENT_ID_PROPERTY);
      if (clientId == null || clientId.isBlank()) {
        throw new TdsConfigException("Authentication=ActiveDirectoryPassword with MSAL needs the client id of an"
            + " application registered for public-client sign-in: set -D" + CLIENT_ID_PROPERTY + "=<client id>");
      }
      b = MsalTokenProvider.usernamePassword(clientId, user.orElse(null), password.orElse(null));
    } else {
      return Optional.empty();
    }
    return Optional.of(b.authorityKind(authorityKind()).build());
  }

  private static MsalTokenProvider.AuthorityKind authorityKind() {
    String k = System.getProperty(AUTHORITY_PROPERTY, "entra").strip().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "entra", "aad", "entra_id" -> MsalTokenProvider.AuthorityKind.ENTRA_ID;
      case "oidc" -> MsalTokenProvider.AuthorityKind.OIDC;
      default -> throw TdsConfigException.invalidValue(AUTHORITY_PROPERTY, k, java.util.List.of("entra", "oidc"));
    };
  }
}
