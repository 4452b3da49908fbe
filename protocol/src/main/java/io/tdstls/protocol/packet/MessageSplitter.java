package io.tdstls.protocol.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message into packets of at most a given size: EOM on the last packet, packet ids
 * incrementing modulo 256. Used for LOGIN7 larger than 4096 bytes, result sets, and the TDS 7.x TLS
 * handshake flights carried in PRELOGIN packets.
 */
public final class MessageSplitter {

  private MessageSplitter() {}

  /**
   * Splits a message into packets.
   *
   * @param message the message; its status bits go on every packet
   * @param packetSize the largest packet, header included (512..65535)
   * @param spid the SPID to put in each header
   * @param firstPacketId the id of the first packet; later packets count up modulo 256
   * @return the packets, in order; an empty message gives one header-only packet
   */
  public static List<Packet> split(TdsMessage message, int packetSize, int spid, int firstPacketId) {
    if (packetSize < 512 || packetSize > PacketHeader.MAX_LENGTH) {
      throw new IllegalArgumentException("packetSize must be 512..65535, was " + packetSize);
    }
    byte[] payload = message.payload();
    int chunk = packetSize - PacketHeader.SIZE;
    int count = Math.max(1, (payload.length + chunk - 1) / chunk);
    List<Packet> packets = new ArrayList<>(count);
    int status = message.status() & ~PacketStatus.END_OF_MESSAGE.bit();
    for (int i = 0; i < count; i++) {
      int from = i * chunk;
      int len = Math.min(chunk, payload.length - from);
      byte[] part = new byte[len];
      System.arraycopy(payload, from, part, 0, len);
      boolean last = i == count - 1;
      PacketHeader h = new PacketHeader(
          message.type(),
          last ? status | PacketStatus.END_OF_MESSAGE.bit() : status,
          PacketHeader.SIZE + len,
          spid,
          (firstPacketId + i) & 0xFF,
          0);
      packets.add(new Packet(h, part));
    }
    return packets;
  }

  /**
   * Splits a message and returns the packets' wire bytes, concatenated.
   *
   * @param message the message
   * @param packetSize the largest packet, header included
   * @param spid the SPID to put in each header
   * @return the bytes to send; packet ids start at 1
   */
  public static byte[] toWire(TdsMessage message, int packetSize, int spid) {
    List<Packet> packets = split(message, packetSize, spid, 1);
    int total = 0;
    for (Packet p : packets) {
      total += p.header().length();
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    for (Packet p : packets) {
      out.put(p.toBytes());
    }
    return out.array();
  }
}
