package io.tdstls.negotiation;

import java.nio.ByteBuffer;

/**
 * A {@link ByteSink} that lends the negotiator the buffer to write into, so that packets sent in
 * clear are written once, straight into the adapter's buffer (a Netty adapter lends a view of a
 * pooled direct buffer), instead of into scratch memory and then copied. Where the negotiator
 * cannot write in place (TLS records, or other output already queued) it falls back to {@link
 * #write(ByteBuffer)} with scratch bytes, as for any sink.
 *
 * <p>Protocol: after {@link #borrow(int)} the negotiator calls {@link #write(ByteBuffer)} exactly
 * once with the borrowed buffer, flipped (position 0, limit at the end of what was written), even
 * if it wrote nothing, or {@link #giveBack(ByteBuffer)} if the call fails; the sink then owns
 * the buffer again.
 */
public interface BufferLendingSink extends ByteSink {

  /**
   * Lends a buffer to fill.
   *
   * @param capacity how many bytes the negotiator may write at most
   * @return a buffer with position 0 and at least {@code capacity} bytes remaining
   */
  ByteBuffer borrow(int capacity);

  /**
   * Takes back a borrowed buffer without sending anything (the call that borrowed it failed).
   *
   * @param borrowed the buffer from {@link #borrow(int)}
   */
  void giveBack(ByteBuffer borrowed);
}
