package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The buffer edge cases of the data path: input cut at every offset (inside a TLS record, a packet
 * header, a payload), reads that end exactly where a packet or the packet buffer ends, and the
 * largest packet size, each for whole-message and packet-by-packet delivery.
 */
class DataPathBuffersTest {

  private static final ServerPolicy ANY = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
      StrictPolicy.ALLOWED);

  @BeforeAll
  static void tls() throws Exception {
    TestTls.init();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = EncryptMode.class, names = {"MANDATORY", "STRICT", "OFF"})
  void aMessageCutAtEveryOffsetArrivesWhole(EncryptMode mode) throws Exception {
    Pump pump = new Pump(mode, ANY, 1 << 20).run();
    byte[] payload = random(5000, 1); // two packets of 4096 bytes at most
    byte[] probe = pump.server.send(new TdsMessage(PacketType.TABULAR_RESULT, payload));
    int wireLength = probe.length;
    pump.client.receive(ByteBuffer.wrap(probe)); // the client must see every record, in order
    assertThat(pump.client.poll().payload()).isEqualTo(payload);
    for (int cut = 0; cut <= wireLength; cut++) {
      byte[] wire = pump.server.send(new TdsMessage(PacketType.TABULAR_RESULT, payload));
      assertThat(wire).hasSize(wireLength);
      pump.client.receive(ByteBuffer.wrap(wire, 0, cut));
      pump.client.receive(ByteBuffer.wrap(wire, cut, wire.length - cut));
      TdsMessage m = pump.client.poll();
      assertThat(m).as("message cut at " + cut).isNotNull();
      assertThat(m.payload()).as("payload cut at " + cut).isEqualTo(payload);
      assertThat(pump.client.hasPartialInput()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = EncryptMode.class, names = {"MANDATORY", "STRICT", "OFF"})
  void aStreamedResponseCutAtEveryOffsetArrivesWhole(EncryptMode mode) throws Exception {
    Pump pump = new Pump(mode, ANY, 1 << 20).run();
    byte[] first = random(6000, 2);
    byte[] second = random(3000, 3);
    int wireLength = Integer.MAX_VALUE; // the same for every response of the mode: known after the first
    for (int cut = 0; cut <= wireLength; cut++) {
      byte[] wire = wireOf(pump, first, second);
      wireLength = wire.length;
      pump.client.deliverPackets(true);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      List<Boolean> eoms = new ArrayList<>();
      pump.client.receive(ByteBuffer.wrap(wire, 0, cut));
      drain(pump, got, eoms);
      pump.client.receive(ByteBuffer.wrap(wire, cut, wire.length - cut));
      drain(pump, got, eoms);
      assertThat(got.toByteArray()).as("payload cut at " + cut).isEqualTo(concat(first, second));
      assertThat(eoms).as("EOM only on the last packet, cut at " + cut).containsExactly(false, false, true);
      pump.client.deliverPackets(false);
    }
  }

  private static byte[] wireOf(Pump pump, byte[] first, byte[] second) throws Exception {
    return concat(pump.server.sendPart(PacketType.TABULAR_RESULT, first, false),
        pump.server.sendPart(PacketType.TABULAR_RESULT, second, true));
  }

  private static void drain(Pump pump, ByteArrayOutputStream got, List<Boolean> eoms) throws Exception {
    while (pump.client.readPacket((header, payload) -> {
      assertThat(payload.isReadOnly()).isTrue();
      byte[] b = new byte[payload.remaining()];
      payload.get(b);
      got.write(b, 0, b.length);
      eoms.add(header.isEndOfMessage());
    })) {
      // until no complete packet is left
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void readsThatEndExactlyAtPacketsAndAtTheBufferEnd() throws Exception {
    Pump pump = new Pump(EncryptMode.OFF, ANY, 1 << 20).run();
    int chunk = 4096 - PacketHeader.SIZE;
    // 16 full packets are 65536 bytes: exactly the capacity of the packet-by-packet input buffer
    byte[] payload = random(16 * chunk, 4);
    for (int readSize : new int[] {65536, 4096, 8192, 3000, 65535, 65537}) {
      byte[] wire = concat(pump.server.sendPart(PacketType.TABULAR_RESULT, payload, false),
          pump.server.sendPart(PacketType.TABULAR_RESULT, payload, true));
      pump.client.deliverPackets(true);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      List<Boolean> eoms = new ArrayList<>();
      for (int from = 0; from < wire.length; from += readSize) {
        pump.client.receive(ByteBuffer.wrap(wire, from, Math.min(readSize, wire.length - from)));
        if (readSize % 4096 == 0) {
          assertThat(pump.client.hasPartialInput()).as("a read of " + readSize + " ends at a packet end").isFalse();
        }
        drain(pump, got, eoms);
      }
      assertThat(got.toByteArray()).as("reads of " + readSize).isEqualTo(concat(payload, payload));
      assertThat(eoms).hasSize(32).endsWith(true);
      assertThat(eoms.indexOf(true)).as("only the last packet has EOM").isEqualTo(31);
      pump.client.deliverPackets(false);
    }
    assertThat(pump.roundTrip("after")).isEqualTo("echo after");
  }

  /** The largest packets: 32767 bytes in clear; encrypted sessions cap the packet size at 16383. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"OFF, 32767", "MANDATORY, 16383", "STRICT, 16383"})
  void theLargestPackets(EncryptMode mode, int packetSize) throws Exception {
    Pump pump = new Pump(mode, ANY, 1 << 20).withLoginPacketSize(packetSize).run();
    assertThat(pump.client.packetSize()).isEqualTo(packetSize);
    byte[] payload = random(100_000, 5);
    byte[] wire = pump.server.send(new TdsMessage(PacketType.TABULAR_RESULT, payload));
    pump.client.receive(ByteBuffer.wrap(wire));
    assertThat(pump.client.poll().payload()).isEqualTo(payload);

    byte[] streamed = pump.server.sendPart(PacketType.TABULAR_RESULT, payload, true);
    pump.client.deliverPackets(true);
    List<Integer> lengths = new ArrayList<>();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    pump.client.receive(ByteBuffer.wrap(streamed));
    while (pump.client.readPacket((header, p) -> {
      lengths.add(header.length());
      byte[] b = new byte[p.remaining()];
      p.get(b);
      got.write(b, 0, b.length);
    })) {
      // all packets
    }
    assertThat(got.toByteArray()).isEqualTo(payload);
    int full = (payload.length + packetSize - PacketHeader.SIZE - 1) / (packetSize - PacketHeader.SIZE);
    assertThat(lengths).hasSize(full).startsWith(packetSize, packetSize);
    pump.client.deliverPackets(false);
  }

  @Test
  void strictCoalescesPacketsIntoFullRecordsWhile7xKeepsOneRecordPerPacket() throws Exception {
    byte[] payload = random(64 * 1024, 6);
    for (EncryptMode mode : new EncryptMode[] {EncryptMode.STRICT, EncryptMode.MANDATORY}) {
      Pump pump = new Pump(mode, ANY, 1 << 20).run();
      byte[] wire = pump.server.send(new TdsMessage(PacketType.TABULAR_RESULT, payload));
      List<Integer> records = new ArrayList<>();
      for (int at = 0; at + 5 <= wire.length; ) {
        int length = ((wire[at + 3] & 0xFF) << 8) | (wire[at + 4] & 0xFF);
        records.add(length);
        at += 5 + length;
      }
      int packets = (payload.length + 4087) / 4088;
      if (mode == EncryptMode.STRICT) {
        // 64 KiB of payload in 17 packets: a handful of records, the first four full (the engine cuts them)
        assertThat(records.size()).isBetween(5, 6);
        assertThat(records.subList(0, 4)).allMatch(length -> length >= 16383, "full records");
      } else {
        assertThat(records).hasSize(packets);
      }
      pump.client.receive(ByteBuffer.wrap(wire));
      assertThat(pump.client.poll().payload()).isEqualTo(payload);
    }
  }
}
