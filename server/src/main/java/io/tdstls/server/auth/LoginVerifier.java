package io.tdstls.server.auth;

import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.FedAuthLibrary;
import io.tdstls.protocol.login.FedAuthTokenMessage;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.FedAuthInfo;
import io.tdstls.protocol.token.SspiToken;
import io.tdstls.protocol.token.Token;
import io.tdstls.server.Authenticator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's login policy for the three login kinds of [MS-TDS] 3.2.5.2: SQL passwords (an
 * {@link Authenticator}), federated-authentication tokens (a {@link TokenAuthenticator}, inside
 * LOGIN7 or after FEDAUTHINFO), and SPNEGO/Kerberos (a {@link KerberosAcceptor}).
 *
 * <p>Token and SSPI logins are refused unless the whole session is encrypted (full or strict):
 * with login-only encryption the messages after LOGIN7 cross the network in clear. Refusals use
 * SQL Server's errors (18456, 18452) and say why.
 *
 * <pre>{@code
 * LoginVerifier logins = LoginVerifier.builder().passwords(Authenticator.users(Map.of("sa", "pw")))
 *     .tokens(jwt).fedAuthInfo("https://login.example.net/tenant", "https://database.windows.net/")
 *     .kerberos(KerberosAcceptor.fromKeytab("MSSQLSvc/db.example.net:1433@EXAMPLE.NET", keytab)).build();
 * }</pre>
 */
public final class LoginVerifier {

  private final Authenticator passwords;
  private final TokenAuthenticator tokens;
  private final KerberosAcceptor kerberos;
  private final String stsUrl;
  private final String spn;

  private LoginVerifier(Builder b) {
    this.passwords = b.passwords;
    this.tokens = b.tokens;
    this.kerberos = b.kerberos;
    this.stsUrl = b.stsUrl;
    this.spn = b.spn;
  }

  /**
   * Returns a builder.
   *
   * @return a builder that accepts nothing until configured
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * SQL passwords only.
   *
   * @param passwords the password check
   * @return the verifier
   */
  public static LoginVerifier passwords(Authenticator passwords) {
    return builder().passwords(passwords).build();
  }

  /**
   * Tells whether federated-authentication tokens are accepted (the server then answers
   * FEDAUTHREQUIRED in PRELOGIN: {@link io.tdstls.server.ServerConfig.Builder#fedAuthRequired}).
   *
   * @return whether a token authenticator is configured
   */
  public boolean acceptsTokens() {
    return tokens != null;
  }

  /**
   * Tells which login kinds are accepted, for logs.
   *
   * @return for example {@code "SQL password, security token, Kerberos"}
   */
  public String describe() {
    StringBuilder b = new StringBuilder(passwords != null ? "SQL password" : "");
    if (tokens != null) {
      b.append(b.length() > 0 ? ", " : "").append("security token");
      if (stsUrl != null) {
        b.append(", federated information request (STS ").append(stsUrl).append(", SPN ").append(spn).append(')');
      }
    }
    if (kerberos != null) {
      b.append(b.length() > 0 ? ", " : "").append("Kerberos as ").append(kerberos.servicePrincipal());
    }
    return b.length() == 0 ? "none" : b.toString();
  }

  /**
   * Starts the login of one connection.
   *
   * @param security what the connection negotiated
   * @return the per-connection state
   */
  public Session start(NegotiatedSecurity security) {
    return new Session(security);
  }

  /** One connection's login: LOGIN7, then any SSPI or FEDAUTH_TOKEN messages. */
  public final class Session {
    private final NegotiatedSecurity security;
    private KerberosAcceptor.Exchange exchange;
    private boolean awaitingToken;

    private Session(NegotiatedSecurity security) {
      this.security = security;
    }

    /**
     * Answers LOGIN7.
     *
     * @param login the decoded LOGIN7
     * @return the step
     * @throws TdsException if the FEDAUTH feature data is malformed
     */
    public LoginStep onLogin7(Login7 login) throws TdsException {
      Optional<FedAuthFeature> fedAuth = login.fedAuth();
      if (fedAuth.isEmpty() && !login.integratedSecurity()) {
        if (passwords == null) {
          return new LoginStep.Refused(18456, "Login failed for user '" + login.userName() + "'.",
              "SQL password logins are not enabled");
        }
        return passwords.authenticate(login.userName(), login.password())
            ? new LoginStep.Accepted(AuthFacts.sql(login.userName()), List.of(), List.of())
            : new LoginStep.Refused(18456, "Login failed for user '" + login.userName() + "'.", "wrong password");
      }
      if (!security.outcome().encryptsSession()) {
        String kind = fedAuth.isPresent() ? "federated-authentication" : "integrated (SSPI)";
        return new LoginStep.Refused(18456, "Login failed for user ''. A " + kind + " login requires the whole"
            + " session to be encrypted, and this one negotiated " + security.outcome().label() + " encryption.",
            kind + " login with " + security.outcome().label() + " encryption");
      }
      if (fedAuth.isPresent()) {
        return fedAuth(fedAuth.get());
      }
      if (kerberos == null) {
        return integratedRefused("integrated authentication is not configured on this server (serve --keytab)");
      }
      try {
        exchange = kerberos.start();
      } catch (AuthenticationException e) {
        return integratedRefused(e.getMessage());
      }
      return sspi(login.sspi());
    }

    /**
     * Answers an SSPI or FEDAUTH_TOKEN message continuing the login.
     *
     * @param message the message
     * @return the step
     * @throws TdsException if the message is malformed
     */
    public LoginStep onContinuation(TdsMessage message) throws TdsException {
      if (message.type() == PacketType.SSPI && exchange != null) {
        return sspi(message.payload());
      }
      if (message.type() == PacketType.FEDAUTH_TOKEN && awaitingToken) {
        awaitingToken = false;
        FedAuthTokenMessage m = FedAuthTokenMessage.decode(message.payload());
        return token(m.token(), FedAuthLibrary.MSAL);
      }
      return new LoginStep.Refused(18456, "Login failed for user ''.", "unexpected " + message.type()
          + " message during login");
    }

    private LoginStep fedAuth(FedAuthFeature f) {
      boolean required = security.serverPreLogin() != null && security.serverPreLogin().fedAuthRequired().orElse(false);
      if (f.echo() != required) {
        return new LoginStep.Refused(18456, "Login failed for user '<token-identified principal>'. fFedAuthEcho is "
            + f.echo() + " but the server's PRELOGIN FEDAUTHREQUIRED was " + required + ".", "fFedAuthEcho mismatch");
      }
      if (tokens == null) {
        return new LoginStep.Refused(18456, "Login failed for user '<token-identified principal>'. Federated"
            + " authentication is not configured on this server.", "no token authenticator");
      }
      if (f.library() == FedAuthLibrary.SECURITY_TOKEN) {
        return token(f.token().orElseThrow(), f.library());
      }
      if (stsUrl == null) {
        return new LoginStep.Refused(18456, "Login failed for user '<token-identified principal>'. This server"
            + " accepts access tokens in LOGIN7 but has no token service to name (serve --fedauth-sts-url).",
            "information request without a configured STS");
      }
      awaitingToken = true;
      return new LoginStep.Challenge(List.of(new FedAuthInfo(stsUrl, spn)));
    }

    private LoginStep token(String token, FedAuthLibrary library) {
      try {
        String principal = tokens.authenticate(token);
        String method = library == FedAuthLibrary.SECURITY_TOKEN ? "security token" : "federated (information request)";
        return new LoginStep.Accepted(new AuthFacts(method, AuthFacts.FEDAUTH_SCHEME, principal), List.of(),
            List.of(new FeatureExt(FedAuthFeature.FEATURE_ID, new byte[0])));
      } catch (AuthenticationException e) {
        return new LoginStep.Refused(18456, "Login failed for user '<token-identified principal>'. "
            + capitalised(e.getMessage()) + ".", e.getMessage());
      }
    }

    private LoginStep sspi(byte[] clientToken) {
      try {
        byte[] out = exchange.accept(clientToken);
        if (!exchange.established()) {
          return new LoginStep.Challenge(List.of(new SspiToken(out)));
        }
        List<Token> before = out.length == 0 ? List.of() : List.of(new SspiToken(out));
        return new LoginStep.Accepted(new AuthFacts("SSPI (Kerberos)", "KERBEROS", exchange.principal()), before,
            List.of());
      } catch (AuthenticationException e) {
        return integratedRefused(e.getMessage());
      }
    }
  }

  private static LoginStep integratedRefused(String reason) {
    return new LoginStep.Refused(18452, "Login failed. The login is from an untrusted domain and cannot be used with"
        + " Integrated authentication. " + capitalised(reason), reason);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Configures a {@link LoginVerifier}. */
  public static final class Builder {
    private Authenticator passwords;
    private TokenAuthenticator tokens;
    private KerberosAcceptor kerberos;
    private String stsUrl;
    private String spn;

    private Builder() {}

    /**
     * Accepts SQL passwords.
     *
     * @param passwords the check
     * @return this builder
     */
    public Builder passwords(Authenticator passwords) {
      this.passwords = Objects.requireNonNull(passwords, "passwords");
      return this;
    }

    /**
     * Accepts federated-authentication tokens.
     *
     * @param tokens the token check, for example a {@link JwtTokenAuthenticator}
     * @return this builder
     */
    public Builder tokens(TokenAuthenticator tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * Answers information requests (ADAL/MSAL workflows) with FEDAUTHINFO naming this token service
     * and resource. Needs {@link #tokens(TokenAuthenticator)}.
     *
     * @param stsUrl the token service URL
     * @param spn the resource the token must be for
     * @return this builder
     */
    public Builder fedAuthInfo(String stsUrl, String spn) {
      this.stsUrl = Objects.requireNonNull(stsUrl, "stsUrl");
      this.spn = Objects.requireNonNull(spn, "spn");
      return this;
    }

    /**
     * Accepts SPNEGO/Kerberos logins.
     *
     * @param kerberos the acceptor
     * @return this builder
     */
    public Builder kerberos(KerberosAcceptor kerberos) {
      this.kerberos = Objects.requireNonNull(kerberos, "kerberos");
      return this;
    }

    /**
     * Builds.
     *
     * @return the verifier
     * @throws io.tdstls.error.TdsConfigException if FEDAUTHINFO is configured without tokens
     */
    public LoginVerifier build() {
      if (stsUrl != null && tokens == null) {
        throw new io.tdstls.error.TdsConfigException("an STS URL for FEDAUTHINFO needs a token authenticator too:"
            + " configure the issuer, audience and key (serve --token-issuer, --token-audience, --token-jwks)");
      }
      return new LoginVerifier(this);
    }
  }
}
