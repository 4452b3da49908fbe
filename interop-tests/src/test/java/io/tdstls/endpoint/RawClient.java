package io.tdstls.endpoint;

import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;

/**
 * A bare TDS client over a plain socket, for tests that must misbehave in ways a real client
 * never does: a LOGIN7 without PRELOGIN (in clear, where the server allows it) with any TDS
 * version, then requests written without reading the answers.
 */
final class RawClient implements AutoCloseable {

  final Socket socket;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
  }

  /** Sends a cleartext LOGIN7 with this TDS version code and returns the tokens of the answer. */
  List<Token> login(int tdsVersionCode) throws Exception {
    Login7 login = Login7.builder().tdsVersionCode(tdsVersionCode).packetSize(4096)
        .userName(ServerEndpointTest.USER).password(ServerEndpointTest.PASSWORD)
        .appName("raw").hostName("test").serverName("localhost").clientInterfaceName("test").build();
    socket.getOutputStream().write(MessageSplitter.toWire(new TdsMessage(PacketType.LOGIN7, login.encode()), 4096, 0));
    TdsVersion asked = TdsVersion.fromCode(tdsVersionCode);
    return new TokenDecoder(asked == null || asked == TdsVersion.V8_0 ? TdsVersion.V7_4 : asked).decode(readMessage());
  }

  /** One SQL batch as it goes on the wire after a 7.4 login. */
  static byte[] batch(String sql) {
    return MessageSplitter.toWire(new TdsMessage(PacketType.SQL_BATCH, SqlBatch.encode(sql, TdsVersion.V7_4, 0, 1)), 4096, 0);
  }

  /** Reads packets up to the end of one message; returns its payload. */
  byte[] readMessage() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    while (true) {
      byte[] header = in.readNBytes(8);
      if (header.length < 8) {
        throw new IOException("the server closed the connection after " + payload.size() + " bytes of a message");
      }
      int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      payload.write(in.readNBytes(length - 8));
      if ((header[1] & 0x01) != 0) {
        return payload.toByteArray();
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
