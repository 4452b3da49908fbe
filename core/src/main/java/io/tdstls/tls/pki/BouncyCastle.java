package io.tdstls.tls.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider instance used for PEM encryption and decryption. It is passed to BC
 * builders explicitly and never registered with {@link java.security.Security}, so the JVM's
 * provider list is left alone.
 */
final class BouncyCastle {

  /** The shared provider instance. */
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
