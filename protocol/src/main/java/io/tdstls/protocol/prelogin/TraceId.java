package io.tdstls.protocol.prelogin;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The PRELOGIN TRACEID option: the client's connection id (GUID, 16 bytes), activity id (GUID, 16
 * bytes) and activity sequence (4 bytes). The GUIDs are kept as the raw bytes sent.
 */
public final class TraceId {

  private final byte[] connectionId;
  private final byte[] activityId;
  private final long sequence;

  /**
   * Creates a trace id.
   *
   * @param connectionId 16 bytes
   * @param activityId 16 bytes
   * @param sequence the activity sequence, 0..4294967295 (sent little-endian)
   */
  public TraceId(byte[] connectionId, byte[] activityId, long sequence) {
    if (connectionId.length != 16 || activityId.length != 16) {
      throw new IllegalArgumentException("connection and activity ids are 16 bytes each");
    }
    if (sequence < 0 || sequence > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("activity sequence is 4 bytes, was " + sequence);
    }
    this.connectionId = connectionId.clone();
    this.activityId = activityId.clone();
    this.sequence = sequence;
  }

  /**
   * Returns the connection id.
   *
   * @return a copy of the 16 bytes
   */
  public byte[] connectionId() {
    return connectionId.clone();
  }

  /**
   * Returns the activity id.
   *
   * @return a copy of the 16 bytes
   */
  public byte[] activityId() {
    return activityId.clone();
  }

  /**
   * Returns the activity sequence.
   *
   * @return 0..4294967295
   */
  public long sequence() {
    return sequence;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TraceId)) {
      return false;
    }
    TraceId t = (TraceId) o;
    return Arrays.equals(connectionId, t.connectionId) && Arrays.equals(activityId, t.activityId) && sequence == t.sequence;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(connectionId) * 31 + Arrays.hashCode(activityId) + Long.hashCode(sequence);
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "connection " + hex.formatHex(connectionId) + ", activity " + hex.formatHex(activityId) + ", sequence " + sequence;
  }
}
