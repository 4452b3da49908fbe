package io.tdstls.protocol.token;

import java.util.EnumSet;
import java.util.Set;

/** The status bits of DONE, DONEPROC and DONEINPROC ([MS-TDS] 2.2.7.6). */
public enum DoneStatus {
  /** 0x1 DONE_MORE: more results follow. */
  MORE(0x1),
  /** 0x2 DONE_ERROR: the statement failed. */
  ERROR(0x2),
  /** 0x4 DONE_INXACT: a transaction is in progress. */
  IN_TRANSACTION(0x4),
  /** 0x10 DONE_COUNT: the row count is valid. */
  COUNT(0x10),
  /** 0x20 DONE_ATTN: acknowledges an attention. */
  ATTENTION(0x20),
  /** 0x100 DONE_SRVERROR: a server error made the statement fail. */
  SERVER_ERROR(0x100);

  /** The value of DONE_FINAL: no bit set. */
  public static final int FINAL = 0x0;

  private final int code;

  DoneStatus(int code) {
    this.code = code;
  }

  /**
   * Returns the bit.
   *
   * @return for example {@code 0x10}
   */
  public int code() {
    return code;
  }

  /**
   * Returns the known bits set in a status word (unknown bits are ignored here and kept by {@link
   * Done#status()}).
   *
   * @param status the status word
   * @return the bits, as a new set
   */
  public static Set<DoneStatus> fromBits(int status) {
    Set<DoneStatus> out = EnumSet.noneOf(DoneStatus.class);
    for (DoneStatus s : values()) {
      if ((status & s.code) != 0) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Combines bits into a status word.
   *
   * @param bits the bits
   * @return the status word
   */
  public static int toBits(DoneStatus... bits) {
    int v = FINAL;
    for (DoneStatus s : bits) {
      v |= s.code;
    }
    return v;
  }
}
