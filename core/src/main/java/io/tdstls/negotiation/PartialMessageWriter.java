package io.tdstls.negotiation;

import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a message that is produced piece by piece (a result too large to build in memory) into
 * packets: every packet but the last is full, the last carries EOM, and packet ids count up modulo
 * 256 across the pieces. Holds at most one packet's worth of payload between pieces.
 */
final class PartialMessageWriter {

  private PacketType type;
  private byte[] pending = new byte[0];
  private int pendingLength;
  private int nextPacketId = 1;

  /** Whether a message has been started and not yet ended. */
  boolean inProgress() {
    return type != null;
  }

  /**
   * Adds a piece of the message and returns the packets that are now complete.
   *
   * @param messageType the message's type (must not change within a message)
   * @param piece the next payload bytes
   * @param endOfMessage whether this is the last piece
   * @param packetSize the packet size, header included
   * @param spid the SPID for the headers
   */
  List<Packet> add(PacketType messageType, byte[] piece, boolean endOfMessage, int packetSize, int spid) {
    if (type == null) {
      type = messageType;
      nextPacketId = 1;
    } else if (type != messageType) {
      throw new IllegalStateException("a " + type + " message is in progress; cannot add a " + messageType + " piece");
    }
    int chunk = packetSize - PacketHeader.SIZE;
    if (pending.length != chunk) {
      byte[] resized = new byte[chunk];
      System.arraycopy(pending, 0, resized, 0, Math.min(pendingLength, chunk));
      pending = resized;
    }
    List<Packet> out = new ArrayList<>(piece.length / chunk + 2);
    int from = 0;
    while (from < piece.length) {
      if (pendingLength == chunk) {
        out.add(packet(pending, false, spid)); // Packet copies the payload
        pendingLength = 0;
      }
      int n = Math.min(chunk - pendingLength, piece.length - from);
      System.arraycopy(piece, from, pending, pendingLength, n);
      pendingLength += n;
      from += n;
    }
    if (endOfMessage) {
      byte[] last = new byte[pendingLength];
      System.arraycopy(pending, 0, last, 0, pendingLength);
      out.add(packet(last, true, spid));
      pendingLength = 0;
      type = null;
    }
    return out;
  }

  private Packet packet(byte[] payload, boolean last, int spid) {
    int status = last ? PacketStatus.END_OF_MESSAGE.bit() : 0;
    PacketHeader h = new PacketHeader(type, status, PacketHeader.SIZE + payload.length, spid, nextPacketId, 0);
    nextPacketId = (nextPacketId + 1) & 0xFF;
    return new Packet(h, payload);
  }
}
