package io.tdstls.msal;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.UserNamePasswordParameters;
import io.tdstls.client.auth.TokenProvider;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsConfigException;
import io.tdstls.error.TdsException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocketFactory;

/**
 * A {@link TokenProvider} for the information-request flow built on Microsoft's MSAL4J: it signs in
 * to the token service (STS URL) that the server named in FEDAUTHINFO and asks for the scope
 * {@code SPN/.default}, as Microsoft's drivers do. One MSAL application is kept per STS URL, so
 * MSAL's token cache serves later connections until the token nears expiry (client credentials).
 *
 * <pre>{@code
 * TokenProvider msal = MsalTokenProvider.servicePrincipal(clientId, secret).build();
 * ConnectionConfig.builder().host("db.example.net")
 *     .authentication(ClientAuthentication.federated(FedAuthWorkflow.USERNAME_PASSWORD, msal)).build();
 * }</pre>
 *
 * <p>With the module on the class path, a connection string alone does the same: {@code
 * Authentication=ActiveDirectoryServicePrincipal;User ID=<client id>;Password=<secret>} (see
 * {@link MsalTokenProviderFactory}). MSAL needs an {@code https} token service. Tokens and secrets
 * are never logged.
 */
public final class MsalTokenProvider implements TokenProvider {

  /** How MSAL treats the STS URL. */
  public enum AuthorityKind {
    /**
     * An Entra ID authority ({@code https://login.microsoftonline.com/<tenant>}): the token
     * endpoint is {@code <authority>/oauth2/v2.0/token}; a password sign-in first asks the host
     * for the user's realm.
     */
    ENTRA_ID,
    /**
     * Any OpenID Connect issuer (MSAL's {@code oidcAuthority}): no Entra-specific realm discovery,
     * so a password sign-in works against other token services too.
     */
    OIDC
  }

  private enum Grant { CLIENT_SECRET, PASSWORD }

  private final Grant grant;
  private final String clientId;
  private final String secret;
  private final String user;
  private final char[] password;
  private final AuthorityKind kind;
  private final SSLSocketFactory sslSocketFactory;
  private final Duration timeout;
  private final Map<String, Object> applications = new ConcurrentHashMap<>();

  private MsalTokenProvider(Builder b) {
    this.grant = b.grant;
    this.clientId = b.clientId;
    this.secret = b.secret;
    this.user = b.user;
    this.password = b.password;
    this.kind = b.kind;
    this.sslSocketFactory = b.sslSocketFactory;
    this.timeout = b.timeout;
  }

  /**
   * Client credentials ({@code ActiveDirectoryServicePrincipal}): an application's client id and
   * secret.
   *
   * @param clientId the application (client) id
   * @param secret the client secret
   * @return a builder
   * @throws TdsConfigException if either is blank
   */
  public static Builder servicePrincipal(String clientId, String secret) {
    Builder b = new Builder(Grant.CLIENT_SECRET, required(clientId, "the service principal's client id (User ID)"));
    b.secret = required(secret, "the service principal's secret (Password)");
    return b;
  }

  /**
   * A user name and password ({@code ActiveDirectoryPassword}, OAuth2's resource-owner password
   * grant, which Microsoft discourages and which fails for accounts that need multi-factor
   * authentication).
   *
   * @param clientId the public client application's id
   * @param user the user name (UPN)
   * @param password the password; kept until the provider is dropped
   * @return a builder
   * @throws TdsConfigException if a value is blank
   */
  public static Builder usernamePassword(String clientId, String user, char[] password) {
    Builder b = new Builder(Grant.PASSWORD, required(clientId, "the client id of the application to sign in with"));
    b.user = required(user, "the user name (User ID)");
    if (password == null || password.length == 0) {
      throw new TdsConfigException("ActiveDirectoryPassword needs the user's password (Password)");
    }
    b.password = password.clone();
    return b;
  }

  /**
   * Returns the MSAL scope asked for a resource: the SPN with {@code /.default} appended unless it
   * ends with it, as Microsoft's drivers do ({@code https://database.windows.net/} gives {@code
   * https://database.windows.net//.default}).
   *
   * @param spn the resource named in FEDAUTHINFO
   * @return the scope
   */
  public static String scopeFor(String spn) {
    return spn.endsWith("/.default") ? spn : spn + "/.default";
  }

  @Override
  public String token(TokenRequest request) throws TdsException {
    if (request.stsUrl().isEmpty() || request.spn().isEmpty()) {
      throw new AuthenticationException("MSAL needs the token service and resource the server names in FEDAUTHINFO,"
          + " and this login did not ask for them", "use ClientAuthentication.federated(workflow, provider)"
          + " (the information-request flow), not tokenProvider", null);
    }
    URI sts = URI.create(request.stsUrl());
    if (!"https".equalsIgnoreCase(sts.getScheme())) {
      throw new AuthenticationException("the server names the token service " + request.stsUrl()
          + ", and MSAL signs in over https only", "configure the server's STS URL (serve --fedauth-sts-url) with https",
          null);
    }
    Set<String> scopes = Set.of(scopeFor(request.spn()));
    CompletableFuture<IAuthenticationResult> future;
    try {
      future = acquire(request.stsUrl(), scopes);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new AuthenticationException("MSAL refuses the token service " + request.stsUrl() + ": " + e.getMessage(),
          "check the server's STS URL (FEDAUTHINFO)", e);
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS).accessToken();
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AuthenticationException("no token from " + request.stsUrl() + " within " + timeout.toSeconds() + " s",
          "check that the token service is reachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuthenticationException("interrupted while waiting for a token from " + request.stsUrl(), "", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      String code = c instanceof MsalServiceException s ? " (" + s.errorCode() + ", HTTP " + s.statusCode() + ")" : "";
      throw new AuthenticationException("MSAL could not get a token for " + scopes.iterator().next() + " from "
          + request.stsUrl() + code + ": " + (c == null ? e.getMessage() : c.getMessage()),
          grant == Grant.CLIENT_SECRET ? "check the client id (User ID) and secret (Password) of the service principal"
              : "check the user name and password, and that the account needs no interactive sign-in", c);
    }
  }

  @SuppressWarnings("deprecation") // MSAL marks the password grant deprecated; ActiveDirectoryPassword is that grant
  private CompletableFuture<IAuthenticationResult> acquire(String sts, Set<String> scopes)
      throws MalformedURLException {
    Object app = applications.get(sts);
    if (app == null) {
      app = grant == Grant.CLIENT_SECRET ? confidential(sts) : publicClient(sts);
      Object raced = applications.putIfAbsent(sts, app);
      app = raced != null ? raced : app;
    }
    if (app instanceof ConfidentialClientApplication c) {
      return c.acquireToken(ClientCredentialParameters.builder(scopes).build());
    }
    return ((PublicClientApplication) app).acquireToken(
        UserNamePasswordParameters.builder(scopes, user, password.clone()).build());
  }

  private ConfidentialClientApplication confidential(String sts) throws MalformedURLException {
    ConfidentialClientApplication.Builder b = ConfidentialClientApplication.builder(clientId,
        ClientCredentialFactory.createFromSecret(secret));
    if (kind == AuthorityKind.OIDC) {
      b.oidcAuthority(sts);
    } else {
      b.authority(sts);
    }
    if (sslSocketFactory != null) {
      b.sslSocketFactory(sslSocketFactory);
    }
    return b.build();
  }

  private PublicClientApplication publicClient(String sts) throws MalformedURLException {
    PublicClientApplication.Builder b = PublicClientApplication.builder(clientId);
    if (kind == AuthorityKind.OIDC) {
      b.oidcAuthority(sts);
    } else {
      b.authority(sts);
    }
    if (sslSocketFactory != null) {
      b.sslSocketFactory(sslSocketFactory);
    }
    return b.build();
  }

  private static String required(String v, String what) {
    if (v == null || v.isBlank()) {
      throw new TdsConfigException("MSAL sign-in needs " + what);
    }
    return v.strip();
  }

  @Override
  public String toString() {
    return "MsalTokenProvider(" + (grant == Grant.CLIENT_SECRET ? "service principal " : "password for " + user + ", client ")
        + clientId + ", " + kind + ")";
  }

  /** Configures a {@link MsalTokenProvider}. */
  public static final class Builder {
    private final Grant grant;
    private final String clientId;
    private String secret;
    private String user;
    private char[] password;
    private AuthorityKind kind = AuthorityKind.ENTRA_ID;
    private SSLSocketFactory sslSocketFactory;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder(Grant grant, String clientId) {
      this.grant = grant;
      this.clientId = clientId;
    }

    /**
     * Sets how MSAL treats the STS URL (default {@link AuthorityKind#ENTRA_ID}).
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder authorityKind(AuthorityKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets the TLS socket factory MSAL's HTTP client uses (to trust a private CA); by default the
     * JVM's.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      this.sslSocketFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Sets how long one token request may take (default 30 s).
     *
     * @param timeout the limit
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new TdsConfigException("the MSAL timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds.
     *
     * @return the provider
     */
    public MsalTokenProvider build() {
      return new MsalTokenProvider(this);
    }
  }
}
