package io.tdstls.protocol.login;

import java.nio.charset.StandardCharsets;

/**
 * The LOGIN7 password scrambling of [MS-TDS] 2.2.6.4: the password is encoded as UTF-16LE, then
 * the two nibbles of every byte are swapped and the result is XORed with 0xA5.
 *
 * <p>This is obfuscation, not encryption: anyone who sees the bytes can reverse them. A LOGIN7 is
 * protected only by the TLS layer around it.
 *
 * <pre>{@code
 * byte[] wire = PasswordObfuscation.obfuscate("secret");
 * String back = PasswordObfuscation.deobfuscate(wire); // "secret"
 * }</pre>
 */
public final class PasswordObfuscation {

  private PasswordObfuscation() {}

  /**
   * Scrambles a password for the wire.
   *
   * @param password the clear password
   * @return the scrambled UTF-16LE bytes (two per UTF-16 code unit)
   */
  public static byte[] obfuscate(String password) {
    byte[] b = password.getBytes(StandardCharsets.UTF_16LE);
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (swapNibbles(b[i] & 0xFF) ^ 0xA5);
    }
    return b;
  }

  /**
   * Reverses {@link #obfuscate}: XOR with 0xA5, then swap the nibbles, then decode UTF-16LE.
   *
   * @param wire the scrambled bytes; an odd trailing byte is decoded as U+FFFD
   * @return the clear password
   */
  public static String deobfuscate(byte[] wire) {
    byte[] b = new byte[wire.length];
    for (int i = 0; i < wire.length; i++) {
      b[i] = (byte) swapNibbles((wire[i] & 0xFF) ^ 0xA5);
    }
    return new String(b, StandardCharsets.UTF_16LE);
  }

  private static int swapNibbles(int v) {
    return ((v & 0x0F) << 4) | ((v & 0xF0) >>> 4);
  }
}
