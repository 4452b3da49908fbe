package io.tdstls.interop;

import com.nimbusds.oauth2.sdk.TokenRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A local OAuth2/OpenID Connect token service for the MSAL tests: NAV's mock-oauth2-server over
 * https on loopback, with its own self-signed certificate (trusted through {@link
 * #socketFactory()}). MSAL asks an Entra ID style authority {@code <base>/tenant} for tokens at
 * {@code <base>/tenant/oauth2/v2.0/token}, so tokens are issued by {@link #issuer()}; their
 * audience is the SQL resource, as Entra ID's are (not the scope MSAL asks for).
 */
final class StsFixture implements AutoCloseable {

  static final String TENANT = "tenant";
  /** The issuer id the mock server derives from MSAL's token endpoint path. */
  static final String ISSUER_ID = TENANT + "/oauth2/v2.0";

  private final MockOAuth2Server server;
  private final SSLContext trust;
  final Path jwks;

  private StsFixture(MockOAuth2Server server, SSLContext trust, Path jwks) {
    this.server = server;
    this.trust = trust;
    this.jwks = jwks;
  }

  /** Starts the server; tokens for {@link #ISSUER_ID} get {@code aud = audience}. */
  static StsFixture start(Path dir, String audience) throws Exception {
    DefaultOAuth2TokenCallback callback = new DefaultOAuth2TokenCallback(ISSUER_ID) {
      @Override
      public List<String> audience(TokenRequest request) {
        return List.of(audience);
      }
    };
    Ssl ssl = new Ssl();
    MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
        new OAuth2TokenProvider(), Set.of(callback), new NettyWrapper(ssl)));
    server.start(InetAddress.getLoopbackAddress(), 0);
    KeyStore keys = ssl.getSslKeystore().getKeyStore();
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (String alias : Collections.list(keys.aliases())) {
      trusted.setCertificateEntry(alias, keys.getCertificate(alias));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    // The server validates against the token service's published keys, saved as a JWKS file.
    HttpsURLConnection c = (HttpsURLConnection) new URL(server.jwksUrl(ISSUER_ID).toString()).openConnection();
    c.setSSLSocketFactory(ctx.getSocketFactory());
    Path jwks;
    try (InputStream in = c.getInputStream()) {
      jwks = Files.write(dir.resolve("sts-jwks.json"), in.readAllBytes());
    }
    return new StsFixture(server, ctx, jwks);
  }

  /** The STS URL the SQL server names in FEDAUTHINFO (an Entra ID style authority). */
  String authority() {
    return server.baseUrl().toString() + TENANT;
  }

  /** The {@code iss} of the tokens MSAL gets. */
  String issuer() {
    return server.issuerUrl(ISSUER_ID).toString();
  }

  /** Trusts the token service's certificate. */
  SSLSocketFactory socketFactory() {
    return trust.getSocketFactory();
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
