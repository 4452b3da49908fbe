package io.tdstls.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The default {@link TokenAuthenticator}: accepts a signed JWT (RS256/384/512, PS*, ES256/384/512)
 * whose signature verifies with a configured key, whose {@code iss} is the configured issuer,
 * whose {@code aud} contains the configured audience, and which is within its {@code nbf}/{@code
 * exp} window (60 seconds of clock skew). The principal is the first of {@code upn}, {@code
 * preferred_username}, {@code unique_name}, {@code oid} and {@code sub} the token carries.
 *
 * <pre>{@code
 * TokenAuthenticator tokens = JwtTokenAuthenticator.builder()
 *     .issuer("https://login.example.net/tenant/v2.0").audience("https://database.windows.net/")
 *     .jwksFile(Path.of("jwks.json")).build();
 * }</pre>
 */
public final class JwtTokenAuthenticator implements TokenAuthenticator {

  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
      JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final List<String> PRINCIPAL_CLAIMS = List.of("upn", "preferred_username", "unique_name", "oid", "sub");

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String issuer;
  private final String audience;

  private JwtTokenAuthenticator(Builder b) {
    this.issuer = b.issuer;
    this.audience = b.audience;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(b.keys)));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
        new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("exp")));
    claims.setMaxClockSkew(60);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String authenticate(String token) throws AuthenticationException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token.strip(), null);
    } catch (ParseException e) {
      throw refused("the token is not a JWT (three base64url parts)", e);
    } catch (BadJWTException e) {
      throw refused(describe(e.getMessage()), e);
    } catch (BadJOSEException e) {
      throw refused("the token's signature does not verify with the configured key(s): " + e.getMessage(), e);
    } catch (JOSEException e) {
      throw refused("the token could not be verified: " + e.getMessage(), e);
    }
    for (String name : PRINCIPAL_CLAIMS) {
      Object v = claims.getClaim(name);
      if (v instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    throw refused("the token names no principal (upn, preferred_username, unique_name, oid or sub)", null);
  }

  private String describe(String nimbus) {
    String m = nimbus == null ? "" : nimbus;
    if (m.contains("Expired")) {
      return "the token has expired";
    }
    if (m.contains("aud claim") || m.contains("audience")) {
      return "the token's audience (aud) is not " + audience;
    }
    if (m.contains("iss claim") || m.contains("issuer")) {
      return "the token's issuer (iss) is not " + issuer;
    }
    if (m.contains("before")) {
      return "the token is not valid yet (nbf)";
    }
    return "the token's claims are refused: " + m;
  }

  private static AuthenticationException refused(String why, Throwable cause) {
    return new AuthenticationException("token refused: " + why,
        "obtain a fresh token for the server's audience from the configured issuer", cause);
  }

  /** Configures a {@link JwtTokenAuthenticator}. */
  public static final class Builder {
    private String issuer;
    private String audience;
    private JWKSet keys;

    private Builder() {}

    /**
     * Sets the required issuer ({@code iss}).
     *
     * @param issuer the issuer
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Sets the required audience ({@code aud}).
     *
     * @param audience the audience, for example {@code https://database.windows.net/}
     * @return this builder
     */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /**
     * Verifies with one public key (RSA or EC).
     *
     * @param key the key
     * @return this builder
     */
    public Builder publicKey(PublicKey key) {
      JWK jwk = key instanceof RSAPublicKey r ? new com.nimbusds.jose.jwk.RSAKey.Builder(r).build()
          : key instanceof ECPublicKey e ? new com.nimbusds.jose.jwk.ECKey.Builder(
              com.nimbusds.jose.jwk.Curve.forECParameterSpec(e.getParams()), e).build() : null;
      if (jwk == null) {
        throw new TdsConfigException("the token signing key must be RSA or EC, was " + key.getAlgorithm());
      }
      this.keys = new JWKSet(jwk);
      return this;
    }

    /**
     * Verifies with a PEM public key file ({@code -----BEGIN PUBLIC KEY-----}).
     *
     * @param file the file
     * @return this builder
     * @throws TdsConfigException if the file cannot be read or parsed
     */
    public Builder publicKeyFile(Path file) {
      try {
        JWK jwk = JWK.parseFromPEMEncodedObjects(Files.readString(file, StandardCharsets.US_ASCII));
        this.keys = new JWKSet(jwk);
        return this;
      } catch (IOException | JOSEException e) {
        throw new TdsConfigException("cannot read the token signing public key " + file + ": " + e.getMessage()
            + " (give a PEM file with a BEGIN PUBLIC KEY block)", e);
      }
    }

    /**
     * Verifies with the keys of a JWKS document (a file, for example the issuer's
     * {@code jwks_uri} content saved locally).
     *
     * @param file the JWKS file
     * @return this builder
     * @throws TdsConfigException if the file cannot be read or parsed
     */
    public Builder jwksFile(Path file) {
      try {
        this.keys = JWKSet.load(file.toFile());
        return this;
      } catch (IOException | ParseException e) {
        throw new TdsConfigException("cannot read the JWKS file " + file + ": " + e.getMessage(), e);
      }
    }

    /**
     * Builds.
     *
     * @return the authenticator
     * @throws TdsConfigException if the issuer, audience or keys are missing
     */
    public JwtTokenAuthenticator build() {
      if (issuer == null || audience == null || keys == null || keys.isEmpty()) {
        throw new TdsConfigException("a JWT token authenticator needs an issuer, an audience and a public key or"
            + " JWKS file (serve: --token-issuer, --token-audience, --token-public-key or --token-jwks)");
      }
      return new JwtTokenAuthenticator(this);
    }
  }
}
