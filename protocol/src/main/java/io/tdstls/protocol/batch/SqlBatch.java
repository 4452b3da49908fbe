package io.tdstls.protocol.batch;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.WireReader;
import io.tdstls.protocol.types.WireWriter;

/**
 * The SQL batch message ([MS-TDS] 2.2.6.7): optional ALL_HEADERS (2.2.5.3), then the SQL text as
 * UTF-16LE.
 *
 * <pre>{@code
 * byte[] payload = SqlBatch.encode("select 1", TdsVersion.V7_4, 0L, 1);   // client
 * String sql = SqlBatch.decode(payload);                                    // server
 * }</pre>
 *
 * <p>ALL_HEADERS exists from TDS 7.2 on. The decoder tells the two forms apart by the leading
 * TotalLength field: a DWORD whose high 16 bits are zero would be, as text, a second character
 * U+0000, which no SQL batch starts with; so such a payload is read as ALL_HEADERS and must then
 * be well-formed.
 */
public final class SqlBatch {

  private static final String WHAT = "SQL batch";
  /** Header type of the transaction descriptor header (2.2.5.3.2). */
  public static final int TRANSACTION_DESCRIPTOR_HEADER = 0x0002;
  private static final int TRANSACTION_HEADER_LENGTH = 4 + 2 + 8 + 4;

  private SqlBatch() {}

  /**
   * Encodes a SQL batch (client side).
   *
   * @param sql the SQL text
   * @param version the negotiated TDS version; ALL_HEADERS with a transaction descriptor header
   *     is written for 7.2 and later
   * @param transactionDescriptor the descriptor from the last BEGIN TRANSACTION ENVCHANGE, or 0
   *     outside a transaction
   * @param outstandingRequestCount the number of requests outstanding on the connection (1 without
   *     MARS)
   * @return the message payload
   */
  public static byte[] encode(String sql, TdsVersion version, long transactionDescriptor,
      int outstandingRequestCount) {
    WireWriter w = new WireWriter();
    if (version.isAtLeast(TdsVersion.V7_2)) {
      w.i32(4 + TRANSACTION_HEADER_LENGTH);
      w.i32(TRANSACTION_HEADER_LENGTH).u16(TRANSACTION_DESCRIPTOR_HEADER);
      w.i64(transactionDescriptor).i32(outstandingRequestCount);
    }
    w.utf16(sql);
    return w.toByteArray();
  }

  /**
   * Decodes a SQL batch (server side), with or without ALL_HEADERS.
   *
   * @param payload the message payload, packets already reassembled
   * @return the SQL text
   * @throws TdsProtocolException if the headers are malformed or the text has an odd byte count
   */
  public static String decode(byte[] payload) throws TdsProtocolException {
    WireReader r = new WireReader(WHAT, payload);
    if (payload.length >= 4 && payload[2] == 0 && payload[3] == 0) {
      skipHeaders(r);
    }
    if (r.remaining() % 2 != 0) {
      throw r.error("the SQL text has an odd number of bytes (" + r.remaining() + "); it must be"
          + " UTF-16LE");
    }
    return r.utf16(r.remaining() / 2, "SQLText");
  }

  /** Reads ALL_HEADERS; returns the transaction descriptor it carries, or 0. */
  static long skipHeaders(WireReader r) throws TdsProtocolException {
    long descriptor = 0;
    long total = r.u32("ALL_HEADERS TotalLength");
    if (total < 4 || total > r.limit()) {
      throw r.error("ALL_HEADERS TotalLength " + total + " is outside 4.." + r.limit(), 0);
    }
    while (r.position() < total) {
      int at = r.position();
      long length = r.u32("HeaderLength");
      if (length < 6 || at + length > total) {
        throw r.error("header length " + length + " does not fit ALL_HEADERS (which ends at "
            + total + ")", at);
      }
      int type = r.u16("HeaderType");
      if (type == TRANSACTION_DESCRIPTOR_HEADER && length != TRANSACTION_HEADER_LENGTH) {
        throw r.error("the transaction descriptor header has length " + length + ", expected "
            + TRANSACTION_HEADER_LENGTH, at);
      }
      if (type == TRANSACTION_DESCRIPTOR_HEADER) {
        descriptor = r.i64("TransactionDescriptor");
        r.skip(length - 14, "OutstandingRequestCount");
      } else {
        r.skip(length - 6, "HeaderData");
      }
    }
    return descriptor;
  }
}
