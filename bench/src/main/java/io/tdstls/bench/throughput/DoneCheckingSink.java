package io.tdstls.bench.throughput;

import io.tdstls.client.ResponseSink;
import io.tdstls.error.TdsProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Counts a streamed result and checks that it ends with a DONE token ({@code 0xFD}) whose row count
 * is the one asked for, so that a transfer is only counted when the whole result arrived.
 */
final class DoneCheckingSink implements ResponseSink {

  /** DONE: token, status (2), current command (2), row count (8, TDS 7.2+). */
  private static final int DONE_SIZE = 13;

  private final long expectedRows;
  private final byte[] tail = new byte[DONE_SIZE];
  private int tailFilled;
  private long bytes;
  private boolean complete;

  DoneCheckingSink(long expectedRows) {
    this.expectedRows = expectedRows;
  }

  @Override
  public void accept(byte[] payload, boolean last) throws TdsProtocolException {
    accept(ByteBuffer.wrap(payload), last);
  }

  @Override
  public void accept(ByteBuffer payload, boolean last) throws TdsProtocolException {
    bytes += payload.remaining();
    keepTail(payload);
    if (!last) {
      return;
    }
    ByteBuffer done = ByteBuffer.wrap(tail, 0, tailFilled).order(ByteOrder.LITTLE_ENDIAN);
    if (tailFilled < DONE_SIZE || (done.get() & 0xFF) != 0xFD) {
      throw new TdsProtocolException("bench result", "the result does not end with a DONE token", -1);
    }
    done.getShort();
    done.getShort();
    long rows = done.getLong();
    if (rows != expectedRows) {
      throw new TdsProtocolException("bench result", "DONE counts " + rows + " rows, expected " + expectedRows, -1);
    }
    complete = true;
  }

  private void keepTail(ByteBuffer payload) {
    int length = payload.remaining();
    if (length >= DONE_SIZE) {
      payload.get(payload.limit() - DONE_SIZE, tail, 0, DONE_SIZE);
      tailFilled = DONE_SIZE;
      return;
    }
    int keep = Math.min(tailFilled, DONE_SIZE - length);
    System.arraycopy(tail, tailFilled - keep, tail, 0, keep);
    payload.get(payload.position(), tail, keep, length);
    tailFilled = keep + length;
  }

  long bytes() {
    return bytes;
  }

  boolean complete() {
    return complete;
  }
}
