package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A response produced piece by piece on the server ({@link ServerNegotiator#sendPart}) and read
 * packet by packet on the client ({@link ClientNegotiator#deliverPackets}), in every mode.
 */
class StreamedResponseTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EncryptMode.class)
  void piecesArriveAsFullPacketsWithOneEom(EncryptMode mode) throws Exception {
    Pump pump = new Pump(mode, new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED),
        1 << 20).run();
    assertThat(pump.client.state()).isEqualTo(ClientState.LOGGED_IN);
    pump.client.deliverPackets(true);
    Random random = new Random(42);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    List<Packet> received = new ArrayList<>();
    int[] sizes = {0, 1, 4087, 4088, 4089, 10_000, 0, 65_536, 3};
    for (int i = 0; i < sizes.length; i++) {
      byte[] piece = new byte[sizes[i]];
      random.nextBytes(piece);
      sent.write(piece, 0, piece.length);
      byte[] wire = pump.server.sendPart(PacketType.TABULAR_RESULT, piece, i == sizes.length - 1);
      pump.client.receive(ByteBuffer.wrap(wire));
      Packet p;
      while ((p = pump.client.pollPacket()) != null) {
        received.add(p);
      }
    }
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    for (int i = 0; i < received.size(); i++) {
      Packet p = received.get(i);
      boolean last = i == received.size() - 1;
      assertThat(p.header().isEndOfMessage()).as("EOM on packet " + i).isEqualTo(last);
      assertThat(p.header().packetId()).isEqualTo((i + 1) & 0xFF);
      assertThat(p.header().type()).isEqualTo(PacketType.TABULAR_RESULT);
      if (!last) {
        assertThat(p.header().length()).as("packet " + i + " is full").isEqualTo(4096);
      }
      got.write(p.payload(), 0, p.payload().length);
    }
    assertThat(got.toByteArray()).isEqualTo(sent.toByteArray());

    pump.client.deliverPackets(false);
    assertThat(pump.roundTrip("after streaming")).isEqualTo("echo after streaming");
  }

  @Test
  void emptyMessageIsOneHeaderOnlyPacket() throws Exception {
    Pump pump = new Pump(EncryptMode.MANDATORY, ServerPolicy.sqlServerDefault(), 1 << 20).run();
    pump.client.deliverPackets(true);
    pump.client.receive(ByteBuffer.wrap(pump.server.sendPart(PacketType.TABULAR_RESULT, new byte[0], true)));
    Packet p = pump.client.pollPacket();
    assertThat(p.header().isEndOfMessage()).isTrue();
    assertThat(p.payload()).isEmpty();
    assertThat(pump.client.pollPacket()).isNull();
  }

  @Test
  void partsBeforeLoginOrOfAnotherTypeAreRefused() throws Exception {
    Pump fresh = new Pump(EncryptMode.MANDATORY, ServerPolicy.sqlServerDefault(), 1 << 20);
    assertThatThrownBy(() -> fresh.server.sendPart(PacketType.TABULAR_RESULT, new byte[1], true))
        .isInstanceOf(IllegalStateException.class);
    Pump pump = fresh.run();
    pump.server.sendPart(PacketType.TABULAR_RESULT, new byte[10], false);
    assertThatThrownBy(() -> pump.server.sendPart(PacketType.PRELOGIN, new byte[1], true))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void switchingDeliveryInsideAMessageIsRefused() throws Exception {
    Pump pump = new Pump(EncryptMode.MANDATORY, ServerPolicy.sqlServerDefault(), 1 << 20).run();
    byte[] wire = pump.server.send(new TdsMessage(PacketType.TABULAR_RESULT, new byte[10_000]));
    pump.client.receive(ByteBuffer.wrap(wire, 0, 5000));
    assertThatThrownBy(() -> pump.client.deliverPackets(true)).isInstanceOf(IllegalStateException.class);
  }
}
