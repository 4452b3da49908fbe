package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.endpoint.ChaosRelay.Direction;
import io.tdstls.endpoint.ChaosRelay.Mode;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsException.Kind;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our client and our server through a {@link ChaosRelay}, in every mode and direction, over TDS
 * 7.x with full encryption, strict and cleartext: each run either completes with the right answer
 * or fails with a typed error of an expected kind, within the client's timeouts (never a hang, an
 * unchecked exception or a wrong result).
 */
class ChaosRelayTest {

  private static final int SEEDS = 3;
  private static HeldCertificate cert;
  private static TdsServer server;
  private static ServerLog log;

  @BeforeAll
  static void start() throws Exception {
    log = new ServerLog();
    cert = ServerEndpointTest.cert("chaos");
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
    server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.AVAILABLE, tls).loginTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterAll
  static void stop() {
    server.close();
    log.close();
  }

  static List<Arguments> cases() {
    List<Arguments> out = new java.util.ArrayList<>();
    for (EncryptMode encrypt : new EncryptMode[] {EncryptMode.MANDATORY, EncryptMode.STRICT, EncryptMode.OFF}) {
      for (Mode mode : Mode.values()) {
        for (Direction d : Direction.values()) {
          if ((mode == Mode.FRAGMENT || mode == Mode.DELAY) && d == Direction.TO_CLIENT) {
            continue; // these act on both directions already
          }
          for (long seed = 1; seed <= SEEDS; seed++) {
            out.add(Arguments.of(encrypt, mode, d, seed));
          }
        }
      }
    }
    return out;
  }

  /** The kinds of error each mode may rightly produce. */
  static Set<Kind> allowedKinds(Mode mode) {
    switch (mode) {
      case TRUNCATE:
      case RESET:
        return EnumSet.of(Kind.CONNECTION, Kind.TIMEOUT);
      case BIT_FLIP:
        // a flipped bit may break a record (TLS), a structure (protocol), the PRELOGIN choice
        // (encryption), the login (the server answers an error) or make a peer hang up
        return EnumSet.of(Kind.CONNECTION, Kind.TIMEOUT, Kind.TLS_HANDSHAKE, Kind.PROTOCOL_VIOLATION,
            Kind.ENCRYPTION_REQUIRED, Kind.ENCRYPTION_NOT_SUPPORTED, Kind.LOGIN_FAILED, Kind.SERVER_ERROR,
            Kind.CERTIFICATE_INVALID);
      default:
        return EnumSet.noneOf(Kind.class); // fragments and delays must not break anything
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} seed {3}")
  @MethodSource("cases")
  void completesOrFailsWithATypedError(EncryptMode encrypt, Mode mode, Direction direction, long seed) throws Exception {
    try (ChaosRelay relay = new ChaosRelay(server.port(), mode, direction, seed, 3000)) {
      ConnectionConfig config = ServerEndpointTest.pinned(relay.port(), cert, encrypt).toBuilder()
          .loginTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build();
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try (TdsSession session = TdsClient.connect(config)) {
          List<List<Object>> rows = session.execute("SELECT 1").firstTable().rows();
          assertThat(rows).as("a run that completes gives the right answer").containsExactly(List.of(1));
        } catch (TdsException e) {
          if (!allowedKinds(mode).contains(e.kind())) {
            fail(mode + " " + direction + " ended in " + e.kind() + ": " + e.describe(), e);
          }
          assertThat(e.advice()).as("every typed error says what to do").isNotBlank();
        }
      });
    }
    // a peer's reset or truncation is an ordinary end of a connection, not an internal error
    assertThat(log.lines).noneMatch(l -> l.contains("closed on error"));
  }
}
