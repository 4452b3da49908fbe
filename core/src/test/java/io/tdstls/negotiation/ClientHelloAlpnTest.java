package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ALPN offer read from real ClientHellos of the JDK, whole, cut short, or split across records. */
class ClientHelloAlpnTest {

  @BeforeAll
  static void certificates() throws Exception {
    TestTls.init();
  }

  /** The first flight of a JDK client engine offering these protocols: one TLS record. */
  static byte[] clientHello(String... protocols) throws Exception {
    SSLEngine e = TestTls.clientEngines().newEngine(TlsNegotiationMode.STRICT);
    SSLParameters p = e.getSSLParameters();
    p.setApplicationProtocols(protocols);
    e.setSSLParameters(p);
    ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
    e.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] b = new byte[out.remaining()];
    out.get(b);
    return b;
  }

  /** The same handshake bytes in two records, cut at {@code at} bytes of the fragment. */
  static byte[] splitIntoTwoRecords(byte[] record, int at) {
    byte[] fragment = Arrays.copyOfRange(record, 5, record.length);
    ByteBuffer b = ByteBuffer.allocate(fragment.length + 10);
    b.put(new byte[] {22, record[1], record[2]}).putShort((short) at).put(fragment, 0, at);
    b.put(new byte[] {22, record[1], record[2]}).putShort((short) (fragment.length - at)).put(fragment, at, fragment.length - at);
    return b.array();
  }

  @Test
  void offersAreReadFromWholeAndSplitClientHellos() throws Exception {
    byte[] both = clientHello("h2", "tds/8.0");
    assertThat(ClientHelloAlpn.offered(both)).contains(List.of("h2", "tds/8.0"));
    assertThat(ClientHelloAlpn.offered(splitIntoTwoRecords(both, 3))).contains(List.of("h2", "tds/8.0"));
    assertThat(ClientHelloAlpn.offered(splitIntoTwoRecords(both, 100))).contains(List.of("h2", "tds/8.0"));
    assertThat(ClientHelloAlpn.offered(clientHello())).isEqualTo(Optional.empty());
  }

  @Test
  void anIncompleteClientHelloWaitsForMore() throws Exception {
    byte[] hello = clientHello("tds/8.0");
    for (int n : new int[] {0, 4, 5, 9, hello.length - 1}) {
      assertThat(ClientHelloAlpn.offered(Arrays.copyOf(hello, n))).as("%d bytes", n).isNull();
    }
    byte[] split = splitIntoTwoRecords(hello, 50);
    assertThat(ClientHelloAlpn.offered(Arrays.copyOf(split, 60))).isNull();
  }

  @Test
  void malformedInputIsAProtocolError() throws Exception {
    byte[] hello = clientHello("tds/8.0");
    byte[] alert = {21, 3, 3, 0, 2, 2, 40};
    assertThatThrownBy(() -> ClientHelloAlpn.offered(alert)).isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("record of type 21");
    byte[] serverHello = hello.clone();
    serverHello[5] = 2;
    assertThatThrownBy(() -> ClientHelloAlpn.offered(serverHello)).isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("not ClientHello");
    byte[] lying = hello.clone();
    lying[5 + 4 + 2 + 32] = (byte) 0xFF; // a session id longer than the message
    assertThatThrownBy(() -> ClientHelloAlpn.offered(lying)).isInstanceOf(TdsProtocolException.class);
  }
}
