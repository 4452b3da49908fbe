package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.SspiToken;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import io.tdstls.protocol.token.TokenEncoder;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SSPI login of two legs through the gateway, on the wire: LOGIN7 with an SSPI blob, the
 * backend's SSPI token (0xED) back to the client, the client's SSPI message (packet type 0x11) to
 * the backend, then LOGINACK. Kerberos through the JDK completes in one leg (see the interop
 * GatewayLoginRelayTest), so the backend here runs a two-leg exchange of fixed blobs in front of
 * the endpoint's real login; the client is a strict (TDS 8.0) TLS socket speaking raw TDS.
 */
class GatewaySspiRoundTripTest {

  static final byte[] LEG_1 = "client-leg-1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CHALLENGE = "server-challenge".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LEG_2 = "client-leg-2".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  /** Answers LOGIN7 with a challenge, then the right SSPI message with the endpoint's own login. */
  static final class TwoLegSspi implements SessionHandler {
    private final SessionHandler inner = DiagnosticSessionHandler.factory(
        Authenticator.users(Map.of(GatewayFixture.USER, GatewayFixture.PASSWORD)), StrictPolicy.DISABLED, "backend").get();
    private Login7 login;

    @Override
    public LoginAnswer login(TdsMessage m, ConnectionInfo c) throws io.tdstls.error.TdsException {
      TokenEncoder tokens = new TokenEncoder(TdsVersion.V7_4);
      if (m.type() == PacketType.LOGIN7) {
        login = Login7.decode(m.payload());
        if (login.integratedSecurity() && Arrays.equals(login.sspi(), LEG_1)) {
          return LoginAnswer.challenge(new TdsMessage(PacketType.TABULAR_RESULT, tokens.encode(new SspiToken(CHALLENGE))));
        }
      } else if (m.type() == PacketType.SSPI && login != null && Arrays.equals(m.payload(), LEG_2)) {
        Login7 asPassword = login.toBuilder().optionFlags2(login.optionFlags2() & ~Login7.OPTION2_INT_SECURITY)
            .sspi(new byte[0]).build();
        return inner.login(new TdsMessage(PacketType.LOGIN7, asPassword.encode()), c);
      }
      return new LoginAnswer(false, new TdsMessage(PacketType.TABULAR_RESULT, tokens.encode(
          ServerMessage.error(18452, 1, 14, "unexpected SSPI leg", "backend", "", 1))), 4096);
    }

    @Override
    public List<TdsMessage> request(TdsMessage request, ConnectionInfo c) throws io.tdstls.error.TdsException {
      return inner.request(request, c);
    }
  }

  @Test
  void bothSspiLegsCrossTheGatewayOnAStrictFront() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    ServerConfig.Builder b = ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .sessions(TwoLegSspi::new)
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(f.server.certifiedKey())
            .maxProtocolVersion(TlsVersion.TLS_1_2).build()));
    try (TdsServer backend = TdsServer.start(b.build());
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build());
        SSLSocket s = strictSocket(f, gateway.port())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN,
          PreLogin.of(new Version(1, 0, 0, 0)).withEncryption(EncryptionValue.NOT_SUP).encode()), 4096, 0));
      PreLogin reply = PreLogin.decode(read(in));
      assertThat(reply.version()).isNotNull();
      Login7 login = Login7.builder().tdsVersion(TdsVersion.V8_0).packetSize(4096).userName(GatewayFixture.USER)
          .password(GatewayFixture.PASSWORD).hostName("raw").appName("raw-sspi").serverName("localhost")
          .optionFlags2(Login7.OPTION2_INT_SECURITY).sspi(LEG_1).build();
      out.write(MessageSplitter.toWire(new TdsMessage(PacketType.LOGIN7, login.encode()), 4096, 0));
      List<Token> challenge = new TokenDecoder(TdsVersion.V7_4).decode(read(in));
      assertThat(challenge).singleElement().isInstanceOfSatisfying(SspiToken.class,
          t -> assertThat(t.data()).isEqualTo(CHALLENGE));
      out.write(MessageSplitter.toWire(new TdsMessage(PacketType.SSPI, LEG_2), 4096, 0));
      List<Token> answer = new TokenDecoder(TdsVersion.V7_4).decode(read(in));
      assertThat(answer).as("the backend's answer to the second leg").anyMatch(t -> t instanceof LoginAck);
    }
    assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"backend_outcome\":\"logged in (SSPI (Kerberos))\"")
        .contains("\"front_tls_version\":\"TLSv1.3\""));
  }

  private static SSLSocket strictSocket(GatewayFixture f, int port) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", f.ca.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    s.setSoTimeout(20_000);
    SSLParameters p = s.getSSLParameters();
    p.setApplicationProtocols(new String[] {"tds/8.0"});
    p.setServerNames(List.of(new SNIHostName("localhost")));
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  /** Reads one whole TDS message (packets until END_OF_MESSAGE) and returns its payload. */
  private static byte[] read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    while (true) {
      byte[] header = new byte[8];
      d.readFully(header);
      int length = (header[2] & 0xFF) << 8 | header[3] & 0xFF;
      byte[] body = new byte[length - 8];
      d.readFully(body);
      payload.write(body);
      if ((header[1] & 0x01) != 0) {
        return payload.toByteArray();
      }
    }
  }
}
