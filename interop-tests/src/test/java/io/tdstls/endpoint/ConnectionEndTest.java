package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.server.TdsServer;
import java.text.MessageFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How connections end: a client's reset is logged as an ordinary end; a LOGIN7 version no client sends is refused. */
class ConnectionEndTest {

  @Test
  void aClientResetIsLoggedAtInfoWithTheStateNotAsAWarning() throws Exception {
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null).build())) {
      RawClient client = new RawClient(server.port());
      assertThat(client.login(TdsVersion.V7_4.code())).anyMatch(t -> t instanceof LoginAck);
      client.socket.setSoLinger(true, 0); // close with a TCP RST, as a killed client does
      client.close();
      LogRecord reset = null;
      for (int i = 0; i < 250 && reset == null; i++) {
        reset = log.records.stream().filter(r -> r.getMessage().contains("reset")).findFirst().orElse(null);
        Thread.sleep(20);
      }
      assertThat(reset).as("a log record of the reset").isNotNull();
      assertThat(reset.getLevel()).isEqualTo(Level.INFO);
      assertThat(reset.getThrown()).as("no stack trace for a client's reset").isNull();
      assertThat(MessageFormat.format(reset.getMessage(), reset.getParameters()))
          .contains("the client reset the connection in state LOGGED_IN");
      assertThat(log.records).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }
  }

  @ParameterizedTest(name = "0x{0}")
  @ValueSource(strings = {"00000000", "FFFFFFFF", "70000000", "730A0002"})
  void aLogin7WithATdsVersionNoClientSendsIsRefusedWithError17802(String hex) throws Exception {
    int code = Integer.parseUnsignedInt(hex, 16);
    try (TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null).build());
        RawClient client = new RawClient(server.port())) {
      List<Token> answer = client.login(code);
      assertThat(answer).noneMatch(t -> t instanceof LoginAck);
      ServerMessage error = answer.stream().filter(t -> t instanceof ServerMessage).map(t -> (ServerMessage) t)
          .findFirst().orElseThrow();
      assertThat(error.number()).isEqualTo(17802);
      assertThat(error.severity()).isEqualTo(20);
      assertThat(error.message()).contains("0x" + hex).contains("unsupported or unknown");
      assertThat(client.socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
    }
  }

  @Test
  void everyKnownTdsVersionLogsIn() throws Exception {
    try (TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null).build())) {
      for (TdsVersion v : List.of(TdsVersion.V7_1, TdsVersion.V7_2, TdsVersion.V7_3A, TdsVersion.V7_3B, TdsVersion.V7_4)) {
        try (RawClient client = new RawClient(server.port())) {
          assertThat(client.login(v.code())).as(v.label()).anyMatch(t -> t instanceof LoginAck);
        }
      }
    }
  }
}
