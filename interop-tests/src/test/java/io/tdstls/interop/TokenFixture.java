package io.tdstls.interop;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tdstls.server.auth.JwtTokenAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A throwaway token issuer for tests: an RSA key generated in-process, its public half in a JWKS
 * file for the server, and signed JWTs with chosen claims.
 */
final class TokenFixture {

  static final String ISSUER = "https://sts.tds-tls.test/tenant/v2.0";
  static final String AUDIENCE = "https://database.windows.net/";
  static final String USER = "alice@tds-tls.test";

  final RSAKey key;
  final RSAKey otherKey;
  final Path jwks;

  TokenFixture(Path dir) throws Exception {
    key = new RSAKeyGenerator(2048).keyID("test-key").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
    jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
  }

  JwtTokenAuthenticator authenticator() {
    return JwtTokenAuthenticator.builder().issuer(ISSUER).audience(AUDIENCE).jwksFile(jwks).build();
  }

  String valid() throws Exception {
    return sign(key, ISSUER, AUDIENCE, Duration.ofMinutes(30));
  }

  String expired() throws Exception {
    return sign(key, ISSUER, AUDIENCE, Duration.ofMinutes(-10));
  }

  String wrongAudience() throws Exception {
    return sign(key, ISSUER, "https://storage.example.net/", Duration.ofMinutes(30));
  }

  String badlySigned() throws Exception {
    return sign(otherKey, ISSUER, AUDIENCE, Duration.ofMinutes(30));
  }

  private static String sign(RSAKey with, String issuer, String audience, Duration lifetime) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-1234")
        .claim("upn", USER).issueTime(Date.from(now.minusSeconds(120)))
        .notBeforeTime(Date.from(now.minusSeconds(120))).expirationTime(Date.from(now.plus(lifetime))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }
}
