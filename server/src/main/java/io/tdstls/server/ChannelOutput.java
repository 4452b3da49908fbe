package io.tdstls.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.tdstls.negotiation.BufferLendingSink;
import java.nio.ByteBuffer;

/**
 * Where a connection's negotiator writes what goes to the client: pooled direct buffers queued on
 * the channel (flushed by the caller). Packets in clear are written by the negotiator straight into
 * a lent direct buffer, so a streamed result's bytes are copied once on their way to the socket;
 * TLS records, produced in the core's scratch buffers, are copied into a direct buffer here.
 */
final class ChannelOutput implements BufferLendingSink {

  private final ChannelHandlerContext ctx;
  private ByteBuf lent;
  private ByteBuffer lentView;
  private long written;

  ChannelOutput(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Bytes queued on the channel through this output so far. */
  long written() {
    return written;
  }

  @Override
  public ByteBuffer borrow(int capacity) {
    if (lent != null) {
      throw new IllegalStateException("a buffer is already lent");
    }
    lent = ctx.alloc().directBuffer(capacity);
    lentView = lent.nioBuffer(0, capacity);
    return lentView;
  }

  @Override
  public void giveBack(ByteBuffer borrowed) {
    if (lent != null && borrowed == lentView) {
      lent.release();
      lent = null;
      lentView = null;
    }
  }

  @Override
  public void write(ByteBuffer bytes) {
    if (lent != null && bytes == lentView) {
      ByteBuf filled = lent;
      lent = null;
      lentView = null;
      if (bytes.limit() == 0) {
        filled.release();
        return;
      }
      filled.writerIndex(bytes.limit());
      written += bytes.limit();
      ctx.write(filled, ctx.voidPromise());
      return;
    }
    written += bytes.remaining();
    ctx.write(ctx.alloc().directBuffer(bytes.remaining()).writeBytes(bytes), ctx.voidPromise());
  }
}
