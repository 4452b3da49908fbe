package io.tdstls.cli.serve;

import io.tdstls.error.TdsConfigException;
import io.tdstls.server.Authenticator;
import io.tdstls.server.auth.JwtTokenAuthenticator;
import io.tdstls.server.auth.KerberosAcceptor;
import io.tdstls.server.auth.LoginVerifier;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code serve} options for federated-authentication tokens and Kerberos logins. */
public final class ServeAuthOptions {

  @Option(names = "--token-issuer", paramLabel = "URL", description = "Accept access tokens (JWT) from this issuer (iss).")
  String tokenIssuer;

  @Option(names = "--token-audience", paramLabel = "URI",
      description = "The audience (aud) tokens must be for, for example https://database.windows.net/.")
  String tokenAudience;

  @Option(names = "--token-public-key", paramLabel = "FILE", description = "PEM public key that signs the tokens.")
  Path tokenPublicKey;

  @Option(names = "--token-jwks", paramLabel = "FILE", description = "JWKS file with the keys that sign the tokens.")
  Path tokenJwks;

  @Option(names = "--fedauth-sts-url", paramLabel = "URL",
      description = "Answer ADAL/MSAL information requests with FEDAUTHINFO naming this token service.")
  String stsUrl;

  @Option(names = "--fedauth-spn", paramLabel = "SPN",
      description = "The resource named in FEDAUTHINFO (default: --token-audience).")
  String fedAuthSpn;

  @Option(names = "--keytab", paramLabel = "FILE", description = "Accept Kerberos (SPNEGO) logins with this keytab.")
  Path keytab;

  @Option(names = "--service-principal", paramLabel = "SPN",
      description = "The Kerberos principal in --keytab, for example MSSQLSvc/db.example.net:1433@EXAMPLE.NET.")
  String servicePrincipal;

  /** Creates empty options. */
  public ServeAuthOptions() {}

  /**
   * Builds the login policy: SQL passwords always, plus tokens and Kerberos when configured.
   *
   * @param passwords checks the SQL logins
   * @return the verifier
   * @throws TdsConfigException if options are incomplete
   */
  LoginVerifier verifier(Authenticator passwords) {
    LoginVerifier.Builder b = LoginVerifier.builder().passwords(passwords);
    boolean tokens = tokenIssuer != null || tokenAudience != null || tokenPublicKey != null || tokenJwks != null;
    if (tokens) {
      JwtTokenAuthenticator.Builder jwt = JwtTokenAuthenticator.builder();
      if (tokenIssuer != null) {
        jwt.issuer(tokenIssuer);
      }
      if (tokenAudience != null) {
        jwt.audience(tokenAudience);
      }
      if (tokenPublicKey != null && tokenJwks != null) {
        throw new TdsConfigException("--token-public-key and --token-jwks both give the signing keys: choose one");
      }
      if (tokenPublicKey != null) {
        jwt.publicKeyFile(tokenPublicKey);
      }
      if (tokenJwks != null) {
        jwt.jwksFile(tokenJwks);
      }
      b.tokens(jwt.build());
    }
    if (stsUrl != null) {
      b.fedAuthInfo(stsUrl, fedAuthSpn != null ? fedAuthSpn : tokenAudience == null ? "" : tokenAudience);
    } else if (fedAuthSpn != null) {
      throw new TdsConfigException("--fedauth-spn needs --fedauth-sts-url");
    }
    if (keytab != null || servicePrincipal != null) {
      if (keytab == null || servicePrincipal == null) {
        throw new TdsConfigException("Kerberos logins need both --keytab and --service-principal");
      }
      b.kerberos(KerberosAcceptor.fromKeytab(servicePrincipal, keytab));
    }
    return b.build();
  }
}
