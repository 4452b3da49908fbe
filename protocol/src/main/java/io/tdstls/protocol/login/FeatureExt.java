package io.tdstls.protocol.login;

import java.util.Arrays;

/**
 * One feature of a LOGIN7 FeatureExt block ([MS-TDS] 2.2.6.4, TDS 7.4), or of a FEATUREEXTACK
 * token (2.2.7.11): a feature id and its opaque data. The id 0xFF is the list terminator and is
 * never a feature.
 *
 * <p>Known ids include 0x01 SESSIONRECOVERY, 0x02 FEDAUTH, 0x04 COLUMNENCRYPTION, 0x05
 * GLOBALTRANSACTIONS, 0x08 AZURESQLSUPPORT, 0x09 DATACLASSIFICATION, 0x0A UTF8_SUPPORT, 0x0B
 * AZURESQLDNSCACHING.
 *
 * @param id the feature id, 0x00..0xFE
 * @param data the feature data (copied)
 */
public record FeatureExt(int id, byte[] data) {

  /** The terminator byte of a feature list. */
  public static final int TERMINATOR = 0xFF;

  /**
   * Validates and copies.
   *
   * @param id the feature id, 0x00..0xFE
   * @param data the feature data (copied)
   * @throws IllegalArgumentException if the id is outside 0x00..0xFE
   */
  public FeatureExt {
    if (id < 0 || id >= TERMINATOR) {
      throw new IllegalArgumentException("feature id " + id + " is outside 0x00..0xFE (0xFF ends"
          + " the list)");
    }
    data = data.clone();
  }

  /**
   * Returns a copy of the feature data.
   *
   * @return the data
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureExt f && f.id == id && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format("FeatureExt[id=0x%02X, %d bytes]", id, data.length);
  }
}
