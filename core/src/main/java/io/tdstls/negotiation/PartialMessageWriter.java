package io.tdstls.negotiation;

import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import javax.net.ssl.SSLException;

/**
 * Cuts a message that is produced piece by piece (a result too large to build in memory) into
 * packets: every packet but the last is full, the last carries EOM, and packet ids count up modulo
 * 256 across the pieces. Full packets inside a piece are handed out as slices of the piece, without
 * a copy; only the bytes of a packet that straddles two pieces are held here in between (at most
 * one packet's worth).
 */
final class PartialMessageWriter {

  /**
   * Receives each complete packet: its header's fields (no header object per packet on the
   * steady-state path) and where its payload is.
   */
  @FunctionalInterface
  interface PacketSink {
    /**
     * Takes one packet; the payload bytes are only valid during the call.
     *
     * @param type the packet type
     * @param status the status bits
     * @param length the packet length, header included
     * @param spid the SPID
     * @param packetId the packet id
     * @param payload the array holding the payload ({@code length - 8} bytes)
     * @param offset where the payload starts
     */
    void packet(PacketType type, int status, int length, int spid, int packetId, byte[] payload, int offset)
        throws SSLException;
  }

  private PacketType type;
  private byte[] pending = new byte[0];
  private int pendingLength;
  private int nextPacketId = 1;

  /** Whether a message has been started and not yet ended. */
  boolean inProgress() {
    return type != null;
  }

  /**
   * The most bytes (headers included) that {@link #add} can hand out for a piece of this length:
   * the held bytes and the piece, cut into packets of {@code packetSize}.
   */
  int maxOutput(int pieceLength, int packetSize) {
    int chunk = packetSize - PacketHeader.SIZE;
    long payload = (long) pendingLength + pieceLength;
    long packets = payload / chunk + 1;
    return (int) Math.min(Integer.MAX_VALUE, payload + packets * PacketHeader.SIZE);
  }

  /**
   * Adds a piece of the message and hands the packets that are now complete to {@code out}.
   *
   * @param messageType the message's type (must not change within a message)
   * @param piece the next payload bytes
   * @param endOfMessage whether this is the last piece
   * @param packetSize the packet size, header included
   * @param spid the SPID for the headers
   * @param out receives the packets, in order
   */
  void add(PacketType messageType, byte[] piece, boolean endOfMessage, int packetSize, int spid, PacketSink out)
      throws SSLException {
    if (type == null) {
      type = messageType;
      nextPacketId = 1;
    } else if (type != messageType) {
      throw new IllegalStateException("a " + type + " message is in progress; cannot add a " + messageType + " piece");
    }
    int chunk = packetSize - PacketHeader.SIZE;
    if (pending.length < chunk) {
      byte[] resized = new byte[chunk];
      System.arraycopy(pending, 0, resized, 0, pendingLength);
      pending = resized;
    }
    int from = 0;
    if (pendingLength > 0) {
      int n = Math.min(chunk - pendingLength, piece.length);
      System.arraycopy(piece, 0, pending, pendingLength, n);
      pendingLength += n;
      from = n;
      if (from == piece.length) {
        finish(endOfMessage, spid, out); // a full pending packet waits: it may turn out to be the last
        return;
      }
      emit(out, chunk, false, spid, pending, 0);
      pendingLength = 0;
    }
    // full packets go out as slices of the piece; the last 1..chunk bytes wait unless the message ends
    while (piece.length - from > chunk) {
      emit(out, chunk, false, spid, piece, from);
      from += chunk;
    }
    if (endOfMessage) {
      emit(out, piece.length - from, true, spid, piece, from);
      type = null;
      return;
    }
    System.arraycopy(piece, from, pending, 0, piece.length - from);
    pendingLength = piece.length - from;
  }

  private void finish(boolean endOfMessage, int spid, PacketSink out) throws SSLException {
    if (endOfMessage) {
      emit(out, pendingLength, true, spid, pending, 0);
      pendingLength = 0;
      type = null;
    }
  }

  private void emit(PacketSink out, int payloadLength, boolean last, int spid, byte[] payload, int offset)
      throws SSLException {
    int status = last ? PacketStatus.END_OF_MESSAGE.bit() : 0;
    int id = nextPacketId;
    nextPacketId = (nextPacketId + 1) & 0xFF;
    out.packet(type, status, PacketHeader.SIZE + payloadLength, spid, id, payload, offset);
  }
}
