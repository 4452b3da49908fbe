package io.tdstls.error;

/**
 * The peer sent bytes that break the TDS wire format: a truncated or malformed packet, a bad
 * PRELOGIN option, an unexpected message type, a value outside its range.
 *
 * <p>Carries what was wrong and the byte offset where it was found (relative to the start of the
 * structure being decoded, or {@code -1} when no single offset applies).
 */
public class TdsProtocolException extends TdsException {

  private final String structure;
  private final int offset;

  /**
   * Creates a protocol error.
   *
   * @param structure the structure being decoded, for example {@code "PRELOGIN"} or {@code
   *     "packet header"}
   * @param problem what was wrong, for example {@code "option ENCRYPTION has length 2, expected
   *     1"}
   * @param offset the byte offset of the problem within the structure, or {@code -1}
   */
  public TdsProtocolException(String structure, String problem, int offset) {
    this(structure, problem, offset, "the peer is not speaking TDS as expected: check that host and port point at a"
        + " SQL Server endpoint, and that nothing in between rewrites the traffic");
  }

  /**
   * Creates a protocol error with its own advice, for subclasses that know more about the cause.
   *
   * @param structure the structure being decoded
   * @param problem what was wrong
   * @param offset the byte offset of the problem within the structure, or {@code -1}
   * @param advice what to do about it
   */
  protected TdsProtocolException(String structure, String problem, int offset, String advice) {
    super(
        Kind.PROTOCOL_VIOLATION,
        "malformed " + structure + ": " + problem + (offset >= 0 ? " (at offset " + offset + ")" : ""),
        advice,
        null);
    this.structure = structure;
    this.offset = offset;
  }

  /**
   * Returns the structure being decoded when the problem was found.
   *
   * @return for example {@code "PRELOGIN"}
   */
  public String structure() {
    return structure;
  }

  /**
   * Returns the byte offset of the problem within the structure.
   *
   * @return the offset, or {@code -1} when no single offset applies
   */
  public int offset() {
    return offset;
  }
}
