package io.tdstls.probe;

import java.util.Arrays;
import java.util.Locale;

/**
 * The key-exchange groups the probe offers one at a time (IANA "TLS Supported Groups"): modern
 * curves, the finite-field groups of RFC 7919, and the legacy curves of RFC 4492.
 */
public enum NamedGroup {
  /** sect163k1 (deprecated). */ SECT163K1(1, 163, false),
  /** sect163r1 (deprecated). */ SECT163R1(2, 163, false),
  /** sect163r2 (deprecated). */ SECT163R2(3, 163, false),
  /** sect193r1 (deprecated). */ SECT193R1(4, 193, false),
  /** sect193r2 (deprecated). */ SECT193R2(5, 193, false),
  /** sect233k1 (deprecated). */ SECT233K1(6, 233, false),
  /** sect233r1 (deprecated). */ SECT233R1(7, 233, false),
  /** sect239k1 (deprecated). */ SECT239K1(8, 239, false),
  /** sect283k1 (deprecated). */ SECT283K1(9, 283, false),
  /** sect283r1 (deprecated). */ SECT283R1(10, 283, false),
  /** sect409k1 (deprecated). */ SECT409K1(11, 409, false),
  /** sect409r1 (deprecated). */ SECT409R1(12, 409, false),
  /** sect571k1 (deprecated). */ SECT571K1(13, 571, false),
  /** sect571r1 (deprecated). */ SECT571R1(14, 571, false),
  /** secp160k1 (deprecated). */ SECP160K1(15, 160, false),
  /** secp160r1 (deprecated). */ SECP160R1(16, 160, false),
  /** secp160r2 (deprecated). */ SECP160R2(17, 160, false),
  /** secp192k1 (deprecated). */ SECP192K1(18, 192, false),
  /** secp192r1 (deprecated). */ SECP192R1(19, 192, false),
  /** secp224k1 (deprecated). */ SECP224K1(20, 224, false),
  /** secp224r1 (deprecated). */ SECP224R1(21, 224, false),
  /** secp256k1 (deprecated). */ SECP256K1(22, 256, false),
  /** secp256r1 (P-256). */ SECP256R1(23, 256, true),
  /** secp384r1 (P-384). */ SECP384R1(24, 384, true),
  /** secp521r1 (P-521). */ SECP521R1(25, 521, true),
  /** brainpoolP256r1 (TLS 1.2 only). */ BRAINPOOLP256R1(26, 256, false),
  /** brainpoolP384r1 (TLS 1.2 only). */ BRAINPOOLP384R1(27, 384, false),
  /** brainpoolP512r1 (TLS 1.2 only). */ BRAINPOOLP512R1(28, 512, false),
  /** X25519. */ X25519(29, 256, true),
  /** X448. */ X448(30, 448, true),
  /** brainpoolP256r1 for TLS 1.3. */ BRAINPOOLP256R1TLS13(31, 256, true),
  /** brainpoolP384r1 for TLS 1.3. */ BRAINPOOLP384R1TLS13(32, 384, true),
  /** brainpoolP512r1 for TLS 1.3. */ BRAINPOOLP512R1TLS13(33, 512, true),
  /** ffdhe2048 (RFC 7919). */ FFDHE2048(0x0100, 2048, true),
  /** ffdhe3072 (RFC 7919). */ FFDHE3072(0x0101, 3072, true),
  /** ffdhe4096 (RFC 7919). */ FFDHE4096(0x0102, 4096, true),
  /** ffdhe6144 (RFC 7919). */ FFDHE6144(0x0103, 6144, true),
  /** ffdhe8192 (RFC 7919). */ FFDHE8192(0x0104, 8192, true);

  private final int code;
  private final int bits;
  private final boolean tls13;

  NamedGroup(int code, int bits, boolean tls13) {
    this.code = code;
    this.bits = bits;
    this.tls13 = tls13;
  }

  /** @return the two-byte code on the wire */
  public int code() {
    return code;
  }

  /** @return the size: the curve's field size, or the prime's bits for finite-field groups */
  public int bits() {
    return bits;
  }

  /** @return whether TLS 1.3 defines this group */
  public boolean tls13() {
    return tls13;
  }

  /** @return whether this is a finite-field (DHE) group rather than a curve */
  public boolean finiteField() {
    return code >= 0x0100 && code <= 0x01FF;
  }

  /** @return whether the group is deprecated for TLS (the RFC 4492 binary and small curves) */
  public boolean deprecated() {
    return code <= 22;
  }

  /** @return the lower-case IANA name, for example {@code "x25519"} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks a code up.
   *
   * @param code the wire code
   * @return the group, or null if unknown
   */
  static NamedGroup byCode(int code) {
    return Arrays.stream(values()).filter(g -> g.code == code).findFirst().orElse(null);
  }
}
