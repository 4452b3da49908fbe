package io.tdstls.negotiation;

import java.nio.ByteBuffer;

/**
 * Takes the bytes a negotiator produces for the peer, without the copy into a fresh array that the
 * {@code byte[]}-returning methods make. A Netty adapter copies them into a pooled direct buffer;
 * a blocking adapter writes them to its socket.
 *
 * <pre>{@code
 * negotiator.sendPart(PacketType.TABULAR_RESULT, piece, false,
 *     bytes -> ctx.write(ctx.alloc().directBuffer(bytes.remaining()).writeBytes(bytes)));
 * }</pre>
 */
@FunctionalInterface
public interface ByteSink {

  /**
   * Takes bytes to send. Called at most once per negotiator call, and only when there is something
   * to send.
   *
   * @param bytes the bytes from position to limit; the buffer is reused once this returns, so the
   *     sink must copy or write them out before returning
   */
  void write(ByteBuffer bytes);
}
