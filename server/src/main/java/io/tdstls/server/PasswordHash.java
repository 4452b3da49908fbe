package io.tdstls.server;

import io.tdstls.error.TdsConfigException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, written {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
 * (salt and hash in Base64). The JDK's {@code PBKDF2WithHmacSHA256} computes it; {@link #matches}
 * compares in constant time.
 */
public final class PasswordHash {

  /** The scheme name that starts every hash. */
  public static final String SCHEME = "pbkdf2-sha256";

  /** Iterations of new hashes by default (OWASP's 2023 advice for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** The fewest iterations accepted in a hash. */
  public static final int MIN_ITERATIONS = 1_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /**
   * Hashes a password with a new random salt.
   *
   * @param password the password; the array is not kept
   * @param iterations PBKDF2 iterations, at least {@link #MIN_ITERATIONS}
   * @return the hash
   * @throws TdsConfigException if iterations are too few
   */
  public static PasswordHash create(char[] password, int iterations) {
    checkIterations(iterations, "iterations");
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /**
   * Parses a hash in the {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} form.
   *
   * @param text the hash
   * @return the hash
   * @throws TdsConfigException naming what is wrong (the text itself is not repeated)
   */
  public static PasswordHash parse(String text) {
    String[] parts = text.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new TdsConfigException("a password hash must be " + SCHEME
          + "$ITERATIONS$SALT$HASH: make one with tds-tls hash-password");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw TdsConfigException.invalidValue("password hash iterations", parts[1], List.of("a whole number"));
    }
    checkIterations(iterations, "password hash iterations");
    try {
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (salt.length < 8 || hash.length != HASH_BITS / 8) {
        throw new TdsConfigException("a password hash needs a salt of at least 8 bytes and a 32-byte hash:"
            + " make one with tds-tls hash-password");
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      if (e instanceof TdsConfigException) {
        throw e;
      }
      throw new TdsConfigException("the salt or hash of a password hash is not Base64: make one with tds-tls hash-password");
    }
  }

  /**
   * Tells whether a password matches, comparing the derived hashes in constant time.
   *
   * @param password the password to check
   * @return whether it is the hashed one
   */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /**
   * Returns the PBKDF2 iteration count.
   *
   * @return iterations
   */
  public int iterations() {
    return iterations;
  }

  /** Returns the hash in its file form, {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}. */
  @Override
  public String toString() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  private static void checkIterations(int iterations, String what) {
    if (iterations < MIN_ITERATIONS) {
      throw TdsConfigException.invalidValue(what, Integer.toString(iterations), List.of("at least " + MIN_ITERATIONS));
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash && ((PasswordHash) o).iterations == iterations
        && Arrays.equals(((PasswordHash) o).salt, salt) && Arrays.equals(((PasswordHash) o).hash, hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }
}
