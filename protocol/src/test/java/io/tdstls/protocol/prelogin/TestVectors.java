package io.tdstls.protocol.prelogin;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hex test vectors of the facts file ({@code /work/shared/reference/tds-tls-facts.md},
 * "Test vectors"), shared by the PRELOGIN and packet tests.
 */
public final class TestVectors {

  /** Vector 1: [MS-TDS] 4.1 PRELOGIN request, with its 8-byte packet header (47 bytes). */
  public static final String MS_TDS_REQUEST =
      "12 01 00 2F 00 00 01 00 00 00 1A 00 06 01 00 20 00 01 02 00 21 00 01 03 00 22 00 04 04 00 26"
          + " 00 01 FF 09 00 00 00 00 00 01 00 B8 0D 00 00 01";

  /** Vector 2: SQL Server 2008 PRELOGIN response, ENCRYPT_OFF, packet type 0x04 (43 bytes). */
  public static final String SQL2008_RESPONSE =
      "04 01 00 2B 00 00 01 00 00 00 1A 00 06 01 00 20 00 01 02 00 21 00 01 03 00 22 00 00 04 00 22"
          + " 00 01 FF 0A 00 06 40 00 00 00 00 00";

  /** Vector 3: SQL Server 2017 PRELOGIN response payload (no header), ENCRYPT_NOT_SUP. */
  public static final String SQL2017_RESPONSE_PAYLOAD =
      "00 00 10 00 06 01 00 16 00 01 02 00 17 00 01 FF 0E 00 0B DE 00 00 02 00";

  private TestVectors() {}

  /**
   * Parses hex with optional spaces.
   *
   * @param hex for example {@code "12 01 00 2F"}
   * @return the bytes
   */
  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  /**
   * Returns the payload of a vector that has a packet header.
   *
   * @param hexWithHeader the whole packet
   * @return the bytes after the 8-byte header
   */
  public static byte[] payloadOf(String hexWithHeader) {
    byte[] all = bytes(hexWithHeader);
    return Arrays.copyOfRange(all, 8, all.length);
  }

  /**
   * Returns the three PRELOGIN payloads.
   *
   * @return vector 1, 2 and 3 payloads, in that order
   */
  public static byte[][] preLoginPayloads() {
    return new byte[][] {
      payloadOf(MS_TDS_REQUEST), payloadOf(SQL2008_RESPONSE), bytes(SQL2017_RESPONSE_PAYLOAD)
    };
  }
}
