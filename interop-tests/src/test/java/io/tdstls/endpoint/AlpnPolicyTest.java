package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.AlpnPolicy;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ALPN on the strict path: a missing offer is served or refused as the {@link AlpnPolicy} says; an
 * offer without {@code tds/8.0} is always refused with {@code no_application_protocol} (RFC 7301),
 * with both TLS providers and both strict policies. And the client's side: a strict server that
 * selects another protocol is refused, one that selects none is reported.
 */
class AlpnPolicyTest {

  static HeldCertificate cert;
  static SSLContext trusting;

  @BeforeAll
  static void pki() throws Exception {
    assertThat(TlsProvider.OPENSSL.isAvailable())
        .as("netty-tcnative-boringssl-static must load here: " + TlsProvider.OPENSSL.unavailabilityReason().orElse(""))
        .isTrue();
    cert = ServerEndpointTest.cert("localhost");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("server", cert.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
  }

  static Stream<Arguments> servers() {
    List<Arguments> out = new ArrayList<>();
    for (TlsProvider provider : TlsProvider.values()) {
      for (StrictPolicy strict : List.of(StrictPolicy.ALLOWED, StrictPolicy.REQUIRED)) {
        for (AlpnPolicy alpn : AlpnPolicy.values()) {
          out.add(Arguments.of(provider, strict, alpn));
        }
      }
    }
    return out.stream();
  }

  static TdsServer start(TlsProvider provider, StrictPolicy strict, AlpnPolicy alpn) throws Exception {
    ServerPolicy policy = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, strict).withAlpn(alpn);
    return TdsServer.start(ServerConfig.builder().policy(policy)
        .tls(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build(), provider)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(ServerEndpointTest.USER,
            ServerEndpointTest.PASSWORD)), strict, "alpn"))
        .build());
  }

  @ParameterizedTest(name = "{0}, strict {1}, alpn {2}")
  @MethodSource("servers")
  void eachOfferAgainstEachPolicy(TlsProvider provider, StrictPolicy strict, AlpnPolicy alpn) throws Exception {
    try (TdsServer server = start(provider, strict, alpn)) {
      assertThat(handshake(server.port())).as("no ALPN")
          .isEqualTo(alpn == AlpnPolicy.REQUIRED ? "refused: no_application_protocol" : "");
      assertThat(handshake(server.port(), "h2")).isEqualTo("refused: no_application_protocol");
      assertThat(handshake(server.port(), "h2", "http/1.1")).isEqualTo("refused: no_application_protocol");
      assertThat(handshake(server.port(), "tds/8.0")).isEqualTo("tds/8.0");
      assertThat(handshake(server.port(), "h2", "tds/8.0")).isEqualTo("tds/8.0");
      assertThat(handshake(server.port(), "tds/8.0", "h2")).isEqualTo("tds/8.0");
      try (TdsSession session = TdsClient.connect(ServerEndpointTest.pinned(server.port(), cert, EncryptMode.STRICT))) {
        assertThat(session.report().tls().orElseThrow().alpn()).isEqualTo("tds/8.0");
        assertThat(session.report().alpnMissing()).isFalse();
        assertThat(session.execute("SELECT 8").firstTable().rows()).containsExactly(List.of(8));
      }
    }
  }

  /** A TLS-first handshake offering these protocols; returns the one selected, or the alert. */
  static String handshake(int port, String... protocols) throws Exception {
    try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      SSLParameters p = s.getSSLParameters();
      p.setApplicationProtocols(protocols);
      p.setServerNames(List.of(new SNIHostName("localhost")));
      s.setSSLParameters(p);
      try {
        s.startHandshake();
      } catch (SSLException e) {
        return e.getMessage().contains("no_application_protocol") ? "refused: no_application_protocol" : e.toString();
      }
      return s.getApplicationProtocol();
    }
  }

  /**
   * A server answering {@code h2} to a client that offered only {@code tds/8.0}: no login, a typed
   * error (the JDK's server engine itself aborts such a selection, so the client sees the close;
   * the client's own check of the selection is {@code AlpnNegotiationTest} in core).
   */
  @Test
  void noLoginWithAStrictServerSelectingAnotherProtocol() throws Exception {
    try (TdsServer server = withSelector("h2")) {
      assertThatThrownBy(() -> TdsClient.connect(ServerEndpointTest.pinned(server.port(), cert, EncryptMode.STRICT)))
          .isInstanceOf(TdsException.class)
          .satisfies(e -> assertThat(((TdsException) e).kind())
              .isIn(TdsException.Kind.TLS_HANDSHAKE, TdsException.Kind.CONNECTION));
    }
  }

  @Test
  void theClientReportsAStrictServerSelectingNoProtocol() throws Exception {
    try (TdsServer server = withSelector("");
        TdsSession session = TdsClient.connect(ServerEndpointTest.pinned(server.port(), cert, EncryptMode.STRICT))) {
      assertThat(session.report().alpnMissing()).isTrue();
      assertThat(session.report().describe()).contains("the strict server selected no ALPN protocol");
    }
  }

  /** A strict server whose engines select this ALPN answer whatever the client offers. */
  static TdsServer withSelector(String selected) throws Exception {
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
    ServerPolicy policy = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);
    return TdsServer.start(ServerConfig.builder().policy(policy)
        .engines(path -> {
          SSLEngine engine = tls.newEngine(path);
          engine.setHandshakeApplicationProtocolSelector((e, offered) -> selected);
          return engine;
        })
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(ServerEndpointTest.USER,
            ServerEndpointTest.PASSWORD)), StrictPolicy.ALLOWED, "alpn"))
        .build());
  }
}
