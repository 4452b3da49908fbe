package io.tdstls.client;

import io.tdstls.error.TdsException;
import io.tdstls.negotiation.PacketReader;
import io.tdstls.protocol.packet.PacketHeader;
import java.nio.ByteBuffer;

/** Passes the packets of one streamed response to a {@link ResponseSink} in place, counting bytes and noting EOM. */
final class StreamedPackets implements PacketReader {

  private final ResponseSink sink;
  private long total;
  private boolean ended;

  StreamedPackets(ResponseSink sink) {
    this.sink = sink;
  }

  @Override
  public void read(PacketHeader header, ByteBuffer payload) throws TdsException {
    total += payload.remaining();
    ended = header.isEndOfMessage();
    sink.accept(payload, ended);
  }

  /** Payload bytes passed on so far. */
  long total() {
    return total;
  }

  /** Whether the last packet passed on ended the response. */
  boolean ended() {
    return ended;
  }
}
