package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the TLS handshake and the encrypted session are framed on the TDS 7.x path. */
class FramingTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  static ServerPolicy forced() {
    return new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);
  }

  /** Splits a buffer of whole TDS packets into their headers. */
  static List<PacketHeader> headers(byte[] bytes) throws Exception {
    List<PacketHeader> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      int start = b.position();
      PacketHeader h = PacketHeader.decode(b);
      out.add(h);
      b.position(start + h.length());
    }
    return out;
  }

  @Test
  void handshakeRepliesInTabularResultPacketsAreAccepted() {
    // Many real servers answer the TLS handshake in 0x04 packets instead of 0x12.
    boolean[] handshakeDone = {false};
    Pump pump = new Pump(EncryptMode.MANDATORY, forced(), 1 << 20).tamperServerToClient(bytes -> {
      if (handshakeDone[0] || bytes[0] != PacketType.PRELOGIN.code()) {
        return bytes;
      }
      byte[] copy = bytes.clone();
      for (int at = 0; at < copy.length; at += ((copy[at + 2] & 0xFF) << 8) | (copy[at + 3] & 0xFF)) {
        copy[at] = (byte) PacketType.TABULAR_RESULT.code();
      }
      return copy;
    }).run();
    assertThat(pump.clientError).isNull();
    assertThat(pump.client.negotiated().outcome()).isEqualTo(Outcome.FULL);
  }

  @Test
  void handshakeFlightsAreSplitAt4096BytesWithEomOnTheLastPacket() throws Exception {
    List<List<PacketHeader>> flights = new ArrayList<>();
    Pump pump = new Pump(EncryptMode.MANDATORY, forced(), 1 << 20).tamperServerToClient(bytes -> {
      if (bytes[0] == PacketType.PRELOGIN.code()) {
        try {
          flights.add(headers(bytes));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
      return bytes;
    }).run();
    assertThat(pump.clientError).isNull();
    assertThat(flights).isNotEmpty();
    for (List<PacketHeader> flight : flights) {
      for (int i = 0; i < flight.size(); i++) {
        PacketHeader h = flight.get(i);
        assertThat(h.length()).isLessThanOrEqualTo(4096);
        assertThat(h.isEndOfMessage()).isEqualTo(i == flight.size() - 1);
        assertThat(h.type()).isEqualTo(PacketType.PRELOGIN);
      }
    }
    // A large certificate chain makes the server's first flight span several packets.
    assertThat(flights.stream().mapToInt(List::size).max().orElse(0)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void encryptedPacketSizeIsCappedAt16383AndClearOneIsNot() throws Exception {
    Pump full = new Pump(EncryptMode.MANDATORY, forced(), 1 << 20);
    full.run();
    assertThat(full.client.state()).isEqualTo(ClientState.LOGGED_IN);
    // Pump accepted the login with 4096; a fresh client told 32767 by LOGINACK caps it when encrypted.
    Pump big = new Pump(EncryptMode.MANDATORY, forced(), 1 << 20).withLoginPacketSize(32767).run();
    assertThat(big.client.packetSize()).isEqualTo(16383);
    Pump clear = new Pump(EncryptMode.OFF,
        new ServerPolicy(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED), 1 << 20)
        .withLoginPacketSize(32767).run();
    assertThat(clear.client.packetSize()).isEqualTo(32767);
  }

  @Test
  void eachTlsRecordCarriesAtMostOnePacket() throws Exception {
    Pump pump = new Pump(EncryptMode.MANDATORY, forced(), 1 << 20).withLoginPacketSize(8192).run();
    int before = pump.clientWire.size();
    String big = "x".repeat(30_000);
    pump.roundTrip(big);
    byte[] wire = pump.clientWire.toByteArray();
    ByteBuffer b = ByteBuffer.wrap(wire, before, wire.length - before);
    int records = 0;
    while (b.hasRemaining()) {
      assertThat(b.get(b.position())).as("TLS application data record").isEqualTo((byte) 0x17);
      int length = ((b.get(b.position() + 3) & 0xFF) << 8) | (b.get(b.position() + 4) & 0xFF);
      assertThat(length).as("record no larger than the packet size plus TLS overhead").isLessThanOrEqualTo(8192 + 64);
      b.position(b.position() + 5 + length);
      records++;
    }
    assertThat(records).as("a 30 kB request in 8 kB packets").isGreaterThanOrEqualTo(4);
  }
}
