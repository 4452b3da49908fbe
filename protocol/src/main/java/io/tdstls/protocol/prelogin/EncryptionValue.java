package io.tdstls.protocol.prelogin;

import java.util.Optional;

/**
 * The byte of the PRELOGIN ENCRYPTION option, kept exactly as sent so that a diagnostic tool can
 * report a value outside the specification in hex.
 *
 * <p>The byte is an {@link EncryptionLevel} (0x00..0x03), optionally OR-ed with the CLIENT_CERT
 * flag 0x80 (0x80, 0x81, 0x83 are valid; 0x82 is meaningless). Any other byte is kept but is not
 * {@link #isValid() valid}; negotiation fails closed on it.
 */
public final class EncryptionValue {

  /** The CLIENT_CERT flag, OR-ed onto a base level. */
  public static final int CLIENT_CERT_FLAG = 0x80;

  /** ENCRYPT_OFF (0x00). */
  public static final EncryptionValue OFF = new EncryptionValue(0x00);
  /** ENCRYPT_ON (0x01). */
  public static final EncryptionValue ON = new EncryptionValue(0x01);
  /** ENCRYPT_NOT_SUP (0x02). */
  public static final EncryptionValue NOT_SUP = new EncryptionValue(0x02);
  /** ENCRYPT_REQ (0x03). */
  public static final EncryptionValue REQ = new EncryptionValue(0x03);

  private final int raw;

  private EncryptionValue(int raw) {
    this.raw = raw;
  }

  /**
   * Returns the value for a raw byte, valid or not.
   *
   * @param raw the byte, 0..255
   * @return the value
   */
  public static EncryptionValue of(int raw) {
    if (raw < 0 || raw > 0xFF) {
      throw new IllegalArgumentException("an ENCRYPTION value is one byte, was " + raw);
    }
    switch (raw) {
      case 0x00: return OFF;
      case 0x01: return ON;
      case 0x02: return NOT_SUP;
      case 0x03: return REQ;
      default: return new EncryptionValue(raw);
    }
  }

  /**
   * Returns the value for a level, with or without the CLIENT_CERT flag.
   *
   * @param level the base level
   * @param clientCert whether to set the CLIENT_CERT flag
   * @return the value
   */
  public static EncryptionValue of(EncryptionLevel level, boolean clientCert) {
    return of(level.code() | (clientCert ? CLIENT_CERT_FLAG : 0));
  }

  /**
   * Returns the byte as sent.
   *
   * @return 0..255
   */
  public int raw() {
    return raw;
  }

  /**
   * Tells whether the CLIENT_CERT flag (0x80) is set.
   *
   * @return whether the flag is set
   */
  public boolean clientCert() {
    return (raw & CLIENT_CERT_FLAG) != 0;
  }

  /**
   * Returns the base level (the byte without the CLIENT_CERT flag), if it is one of the four.
   *
   * @return the level, or empty for a byte outside the specification
   */
  public Optional<EncryptionLevel> level() {
    return Optional.ofNullable(EncryptionLevel.fromCode(raw & ~CLIENT_CERT_FLAG));
  }

  /**
   * Tells whether the byte is one the specification defines: 0x00..0x03, 0x80, 0x81 or 0x83.
   *
   * @return whether the value is valid
   */
  public boolean isValid() {
    return raw <= 0x03 || raw == 0x80 || raw == 0x81 || raw == 0x83;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptionValue && ((EncryptionValue) o).raw == raw;
  }

  @Override
  public int hashCode() {
    return raw;
  }

  /**
   * Returns a readable form such as {@code ENCRYPT_ON}, {@code ENCRYPT_CLIENT_CERT|ENCRYPT_REQ} or
   * {@code 0x2A (invalid)}.
   *
   * @return the name and, for invalid bytes, the hex value
   */
  @Override
  public String toString() {
    if (!isValid()) {
      return String.format("0x%02X (invalid)", raw);
    }
    String base = "ENCRYPT_" + level().orElseThrow().name();
    return clientCert() ? "ENCRYPT_CLIENT_CERT|" + base : base;
  }
}
