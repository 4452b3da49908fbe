package io.tdstls.client.auth;

import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.protocol.login.FedAuthWorkflow;
import java.util.Locale;
import javax.security.auth.Subject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a connection authenticates: SQL password (the default), a federated-authentication token
 * (held, or from a {@link TokenProvider} called per connection), the information-request flow
 * (the server names its token service first), or Kerberos through the JDK's GSS-API.
 *
 * <pre>{@code
 * ConnectionConfig.builder().host("db.example.net")
 *     .authentication(ClientAuthentication.tokenProvider(req -> myCache.tokenFor("https://database.windows.net/")))
 *     .build();
 * }</pre>
 *
 * <p>Every method but SQL password needs the whole session encrypted (mode mandatory or strict);
 * {@link io.tdstls.client.ConnectionConfig.Builder#build()} refuses optional and off. {@link
 * #toString()} never shows a token.
 */
public final class ClientAuthentication {

  private static final ClientAuthentication SQL = new ClientAuthentication(LoginMethod.SQL_PASSWORD, null, null, null,
      "SqlPassword");

  private final LoginMethod method;
  private final TokenProvider tokens;
  private final FedAuthWorkflow workflow;
  private final String serverSpn;
  private final String name;
  private Subject subject;

  private ClientAuthentication(LoginMethod method, TokenProvider tokens, FedAuthWorkflow workflow, String serverSpn,
      String name) {
    this.method = method;
    this.tokens = tokens;
    this.workflow = workflow;
    this.serverSpn = serverSpn;
    this.name = name;
  }

  /**
   * SQL Server authentication with the configured user and password.
   *
   * @return the default
   */
  public static ClientAuthentication sqlPassword() {
    return SQL;
  }

  /**
   * A token the application already holds (JDBC {@code accessToken}), sent inside LOGIN7.
   *
   * @param token the access token
   * @return the authentication
   * @throws TdsConfigException if the token is blank
   */
  public static ClientAuthentication accessToken(String token) {
    if (token == null || token.isBlank()) {
      throw new TdsConfigException("the access token is empty: give the token text (a JWT for Entra ID)");
    }
    String t = token.strip();
    return new ClientAuthentication(LoginMethod.SECURITY_TOKEN, request -> t, null, null, "AccessToken");
  }

  /**
   * A token from a callback, called for every connection, sent inside LOGIN7.
   *
   * @param provider the callback
   * @return the authentication
   */
  public static ClientAuthentication tokenProvider(TokenProvider provider) {
    return new ClientAuthentication(LoginMethod.SECURITY_TOKEN, Objects.requireNonNull(provider, "provider"), null,
        null, "AccessTokenCallback");
  }

  /**
   * The information-request flow: the client announces the workflow, the server answers with
   * FEDAUTHINFO (STS URL and SPN), the provider is asked for a token for that SPN, and the token
   * follows in a FEDAUTH_TOKEN message.
   *
   * @param workflow the workflow byte announced in LOGIN7
   * @param provider called with the server's STS URL and SPN
   * @return the authentication
   */
  public static ClientAuthentication federated(FedAuthWorkflow workflow, TokenProvider provider) {
    return new ClientAuthentication(LoginMethod.FEDAUTH_INFO_REQUEST, Objects.requireNonNull(provider, "provider"),
        Objects.requireNonNull(workflow, "workflow"), null, "Federated(" + workflow + ")");
  }

  /**
   * Kerberos through the JDK's GSS-API, with the JAAS login configured for {@code
   * com.sun.security.jgss.krb5.initiate}, or the ticket cache ({@code kinit}; {@code KRB5CCNAME})
   * when {@code javax.security.auth.useSubjectCredsOnly=false} ({@code tds-tls connect --kerberos}
   * sets it).
   *
   * @param serverSpn the server's service principal name, or {@code null} to derive {@code
   *     MSSQLSvc/host:port}
   * @return the authentication
   */
  public static ClientAuthentication kerberos(String serverSpn) {
    return new ClientAuthentication(LoginMethod.SSPI, null, null,
        serverSpn == null || serverSpn.isBlank() ? null : serverSpn.strip(), "Kerberos");
  }

  /**
   * Kerberos with the credentials of a JAAS subject (for example from a keytab login with
   * {@code Krb5LoginModule}).
   *
   * @param serverSpn the server's service principal name, or {@code null} to derive it
   * @param subject the logged-in subject holding a Kerberos ticket-granting ticket or keys
   * @return the authentication
   */
  public static ClientAuthentication kerberos(String serverSpn, Subject subject) {
    ClientAuthentication a = kerberos(serverSpn);
    a.subject = Objects.requireNonNull(subject, "subject");
    return a;
  }

  /**
   * Returns the JAAS subject given for Kerberos.
   *
   * @return the subject, empty to use the JDK's default (JAAS entry or ticket cache)
   */
  public Optional<Subject> subject() {
    return Optional.ofNullable(subject);
  }

  /**
   * Maps an {@code Authentication=} value of the ADO.NET / JDBC vocabulary to a method.
   * {@code SqlPassword} and {@code NotSpecified} give SQL password; {@code ActiveDirectoryPassword},
   * {@code ActiveDirectoryIntegrated} and the other {@code ActiveDirectory*} values give the
   * information-request flow with the matching workflow, and need a provider.
   *
   * @param value the connection-string value, case-insensitive
   * @param provider the token provider for the federated values, or {@code null}
   * @return the authentication
   * @throws TdsConfigException if the value is unknown (a federated value without a provider fails
   *     when the server asks for the token)
   */
  public static ClientAuthentication fromAuthenticationKeyword(String value, TokenProvider provider) {
    String v = value.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    Map<String, FedAuthWorkflow> workflows = Map.of(
        "activedirectorypassword", FedAuthWorkflow.USERNAME_PASSWORD,
        "activedirectoryserviceprincipal", FedAuthWorkflow.USERNAME_PASSWORD,
        "activedirectoryintegrated", FedAuthWorkflow.INTEGRATED,
        "activedirectoryinteractive", FedAuthWorkflow.DEFAULT,
        "activedirectorymanagedidentity", FedAuthWorkflow.DEFAULT,
        "activedirectorymsi", FedAuthWorkflow.DEFAULT,
        "activedirectorydefault", FedAuthWorkflow.DEFAULT,
        "activedirectoryworkloadidentity", FedAuthWorkflow.DEFAULT,
        "activedirectorydevicecodeflow", FedAuthWorkflow.DEFAULT);
    if (v.equals("sqlpassword") || v.equals("notspecified")) {
      return SQL;
    }
    FedAuthWorkflow w = workflows.get(v);
    if (w == null) {
      throw TdsConfigException.invalidValue("Authentication", value, java.util.List.of("SqlPassword", "NotSpecified",
          "ActiveDirectoryPassword", "ActiveDirectoryIntegrated", "ActiveDirectoryInteractive",
          "ActiveDirectoryServicePrincipal", "ActiveDirectoryManagedIdentity", "ActiveDirectoryDefault"));
    }
    TokenProvider p = provider != null ? provider : request -> {
      throw new AuthenticationException("Authentication=" + value.strip() + " needs a token provider for "
          + request.spn() + " (STS " + request.stsUrl() + "): no TokenProviderFactory on the class path serves it",
          "put tds-tls-msal (MSAL4J) on the class path, give ClientAuthentication.federated(workflow, provider)"
          + " to the builder, or use accessToken", null);
    };
    return new ClientAuthentication(LoginMethod.FEDAUTH_INFO_REQUEST, p, w, null, value.strip());
  }

  /**
   * Maps an {@code Authentication=} value as {@link #fromAuthenticationKeyword(String,
   * TokenProvider)} does, taking the provider of the federated values from the first {@link
   * TokenProviderFactory} on the class path that serves the value (for example {@code
   * tds-tls-msal}: {@code ActiveDirectoryServicePrincipal} with the client id as user and the
   * secret as password).
   *
   * @param value the connection-string value, case-insensitive
   * @param user the connection string's user, or empty
   * @param password the connection string's password, or empty
   * @return the authentication
   * @throws TdsConfigException if the value is unknown, or a factory refuses the settings
   */
  public static ClientAuthentication fromAuthenticationKeyword(String value, Optional<String> user,
      Optional<char[]> password) {
    ClientAuthentication plain = fromAuthenticationKeyword(value, null);
    if (plain.method != LoginMethod.FEDAUTH_INFO_REQUEST) {
      return plain;
    }
    for (TokenProviderFactory f : java.util.ServiceLoader.load(TokenProviderFactory.class)) {
      Optional<TokenProvider> p = f.create(value.strip(), user, password);
      if (p.isPresent()) {
        return new ClientAuthentication(LoginMethod.FEDAUTH_INFO_REQUEST, p.get(), plain.workflow, null, value.strip());
      }
    }
    return plain;
  }

  /**
   * Returns the login method.
   *
   * @return the method
   */
  public LoginMethod method() {
    return method;
  }

  /**
   * Returns the token provider of the federated methods.
   *
   * @return the provider, empty for SQL password and Kerberos
   */
  public Optional<TokenProvider> tokenProvider() {
    return Optional.ofNullable(tokens);
  }

  /**
   * Returns the workflow of the information-request flow.
   *
   * @return the workflow, if that is the method
   */
  public Optional<FedAuthWorkflow> workflow() {
    return Optional.ofNullable(workflow);
  }

  /**
   * Returns the server SPN given for Kerberos.
   *
   * @return the SPN, empty to derive {@code MSSQLSvc/host:port}
   */
  public Optional<String> serverSpn() {
    return Optional.ofNullable(serverSpn);
  }

  /**
   * Returns the SPN to use for a server.
   *
   * @param host the server host
   * @param port the server port
   * @return the given SPN, or {@code MSSQLSvc/host:port}
   */
  public String serverSpn(String host, int port) {
    return serverSpn != null ? serverSpn : "MSSQLSvc/" + host + ":" + port;
  }

  @Override
  public String toString() {
    return name + (serverSpn != null ? "(spn=" + serverSpn + ")" : "");
  }
}
