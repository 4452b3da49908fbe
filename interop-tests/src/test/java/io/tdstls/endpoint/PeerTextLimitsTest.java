package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import io.tdstls.server.TdsServer;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's first finding: a LOGIN7 whose database name (5000 characters) the server echoes in an
 * ENVCHANGE closed the connection on an IllegalArgumentException. The name is now cut to the
 * B_VARCHAR's 255 characters and the login goes through.
 */
class PeerTextLimitsTest {

  @Test
  void aLoginWithA5000CharacterDatabaseNameIsAnsweredWithTheNameCut() throws Exception {
    String database = "d".repeat(5000);
    Login7 login = Login7.builder().tdsVersion(TdsVersion.V7_4).packetSize(4096)
        .userName(ServerEndpointTest.USER).password(ServerEndpointTest.PASSWORD)
        .database(database).appName("hostile").hostName("test").serverName("localhost").clientInterfaceName("test").build();
    byte[] wire = MessageSplitter.toWire(new TdsMessage(PacketType.LOGIN7, login.encode()), 4096, 0);
    try (TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null).build());
        Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(wire);
      s.setSoTimeout(5000);
      List<Token> tokens = new TokenDecoder(TdsVersion.V7_4).decode(RawTds.readMessage(s.getInputStream()));
      assertThat(tokens).anyMatch(t -> t instanceof LoginAck);
      assertThat(tokens).filteredOn(t -> t instanceof EnvChange.Text e && e.changeType() == EnvChangeType.DATABASE)
          .singleElement().satisfies(t -> assertThat(((EnvChange.Text) t).newValue()).isEqualTo("d".repeat(255)));
    }
  }
}
