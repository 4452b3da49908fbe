package io.tdstls.negotiation;

import java.nio.ByteBuffer;

/** A {@link ByteSink} that copies what it gets into an array, for the {@code byte[]}-returning methods. */
final class CollectedBytes implements ByteSink {

  private static final byte[] NONE = new byte[0];

  private byte[] bytes = NONE;

  @Override
  public void write(ByteBuffer b) {
    byte[] more = new byte[bytes.length + b.remaining()];
    System.arraycopy(bytes, 0, more, 0, bytes.length);
    b.get(more, bytes.length, more.length - bytes.length);
    bytes = more;
  }

  byte[] bytes() {
    return bytes;
  }
}
