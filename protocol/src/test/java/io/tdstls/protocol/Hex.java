package io.tdstls.protocol;

import java.util.HexFormat;

/** Test helper: hex text (whitespace ignored) to bytes. */
public final class Hex {
  private Hex() {}

  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  public static String of(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }
}
