package io.tdstls.protocol.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsException.Kind;
import io.tdstls.protocol.prelogin.EncryptionValue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every cell of the ENCRYPTION negotiation: the server reply table of the facts file ({@code
 * tds-tls-facts.md}, "ENCRYPTION values"), the Babelfish table of seed 004, and the client
 * outcome. Values are written as wire bytes in hex so that each row reads like the tables.
 */
class EncryptionTableTest {

  // ---------------------------------------------------------------- server reply, [MS-TDS] policy

  @ParameterizedTest(name = "MS-TDS: client 0x{0} + server {1} -> reply 0x{2}, close={3}")
  @CsvSource({
    // client, server setting, reply, close
    "00, AVAILABLE,     00, false",
    "00, FORCED,        03, false",
    "00, NOT_SUPPORTED, 02, false",
    "01, AVAILABLE,     01, false",
    "01, FORCED,        01, false",
    "01, NOT_SUPPORTED, 02, true",
    "02, AVAILABLE,     02, false",
    "02, FORCED,        03, true",
    "02, NOT_SUPPORTED, 02, false",
    "03, AVAILABLE,     01, false",
    "03, FORCED,        01, false",
    "03, NOT_SUPPORTED, 02, true",
    // CLIENT_CERT + OFF / ON / REQ: answered by the base value, but a server without TLS closes
    "80, AVAILABLE,     00, false",
    "80, FORCED,        03, false",
    "80, NOT_SUPPORTED, 02, true",
    "81, AVAILABLE,     01, false",
    "81, FORCED,        01, false",
    "81, NOT_SUPPORTED, 02, true",
    "83, AVAILABLE,     01, false",
    "83, FORCED,        01, false",
    "83, NOT_SUPPORTED, 02, true",
  })
  void msTdsServerReply(String client, ServerEncryption server, String reply, boolean close) {
    ServerReply r = EncryptionTable.serverReply(value(client), server, ClientCertPolicy.MS_TDS);

    assertThat(r.replyValue()).contains(value(reply));
    assertThat(r.close()).isEqualTo(close);
    if (close) {
      assertThat(r.reason()).isNotBlank();
    } else {
      assertThat(r.reason()).isEmpty();
      assertThat(r).hasToString(value(reply).toString());
    }
  }

  // ---------------------------------------------------------------- server reply, Babelfish (seed 004)

  @ParameterizedTest(name = "seed 004: {0} + tds_ssl_encrypt={1} -> {2}, {3}")
  @CsvSource({
    // client, tds_ssl_encrypt, connection, value returned to client
    "ENCRYPT_OFF,     false, allowed, ENCRYPT_OFF",
    "ENCRYPT_OFF,     true,  allowed, ENCRYPT_REQ",
    "ENCRYPT_ON,      false, allowed, ENCRYPT_ON",
    "ENCRYPT_ON,      true,  allowed, ENCRYPT_ON",
    "ENCRYPT_NOT_SUP, false, allowed, ENCRYPT_NOT_SUP",
    "ENCRYPT_NOT_SUP, true,  closed,  ENCRYPT_REQ",
    "ENCRYPT_REQ,     false, allowed, ENCRYPT_ON",
    "ENCRYPT_REQ,     true,  allowed, ENCRYPT_ON",
  })
  void babelfishServerReply(String client, boolean tdsSslEncrypt, String connection, String returned) {
    ServerEncryption server = tdsSslEncrypt ? ServerEncryption.FORCED : ServerEncryption.AVAILABLE;

    ServerReply r = EncryptionTable.serverReply(named(client), server, ClientCertPolicy.BABELFISH);

    assertThat(r.replyValue()).contains(named(returned));
    assertThat(r.close()).isEqualTo(connection.equals("closed"));
  }

  @ParameterizedTest(name = "seed 004: ENCRYPT_CLIENT_CERT 0x{0} + tds_ssl_encrypt={1} -> closed, unsupported")
  @CsvSource({"80, false", "80, true", "81, false", "81, true", "83, false", "83, true"})
  void babelfishClosesOnClientCertWithoutReply(String client, boolean tdsSslEncrypt) {
    ServerEncryption server = tdsSslEncrypt ? ServerEncryption.FORCED : ServerEncryption.AVAILABLE;

    ServerReply r = EncryptionTable.serverReply(value(client), server, ClientCertPolicy.BABELFISH);

    assertClosedWithoutReply(r);
    assertThat(r.reason()).contains("unsupported");
  }

  @ParameterizedTest(name = "Babelfish policy closes on CLIENT_CERT 0x{0} with the server set {1}")
  @MethodSource("clientCertTimesServer")
  void babelfishPolicyClosesOnEveryClientCertValue(String client, ServerEncryption server) {
    assertClosedWithoutReply(EncryptionTable.serverReply(value(client), server, ClientCertPolicy.BABELFISH));
  }

  static Stream<Arguments> clientCertTimesServer() {
    return Stream.of("80", "81", "83")
        .flatMap(c -> Stream.of(ServerEncryption.values()).map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "Babelfish follows the [MS-TDS] table for 0x0{0}, server {1}")
  @MethodSource("baseValuesTimesServer")
  void babelfishPolicyEqualsMsTdsWithoutClientCert(int client, ServerEncryption server) {
    EncryptionValue v = EncryptionValue.of(client);

    assertThat(EncryptionTable.serverReply(v, server, ClientCertPolicy.BABELFISH))
        .isEqualTo(EncryptionTable.serverReply(v, server, ClientCertPolicy.MS_TDS));
  }

  static Stream<Arguments> baseValuesTimesServer() {
    return IntStream.rangeClosed(0, 3).boxed()
        .flatMap(c -> Stream.of(ServerEncryption.values()).map(s -> Arguments.of(c, s)));
  }

  // ---------------------------------------------------------------- server reply, invalid bytes

  @ParameterizedTest(name = "invalid client byte 0x{0} is closed without a reply")
  @ValueSource(strings = {"04", "7F", "82", "FF"})
  void invalidClientBytesAreClosedWithoutReply(String client) {
    for (ClientCertPolicy policy : ClientCertPolicy.values()) {
      for (ServerEncryption server : ServerEncryption.values()) {
        ServerReply r = EncryptionTable.serverReply(value(client), server, policy);
        assertClosedWithoutReply(r);
        assertThat(r.reason()).contains("0x" + client);
      }
    }
  }

  @Test
  void everyInvalidClientByteIsClosedAndEveryValidOneAnswered() {
    for (int b = 0; b <= 0xFF; b++) {
      EncryptionValue v = EncryptionValue.of(b);
      for (ServerEncryption server : ServerEncryption.values()) {
        ServerReply r = EncryptionTable.serverReply(v, server, ClientCertPolicy.MS_TDS);
        assertThat(r.replyValue().isPresent()).as("byte 0x%02X, server %s", b, server).isEqualTo(v.isValid());
        r.replyValue().ifPresent(reply -> {
          assertThat(reply.isValid()).isTrue();
          assertThat(reply.clientCert()).as("a server never replies with CLIENT_CERT").isFalse();
        });
      }
    }
  }

  // ---------------------------------------------------------------- client outcome

  @ParameterizedTest(name = "client sent 0x{0}, server replied 0x{1} -> {2}")
  @CsvSource({
    // sent, reply, outcome or failure kind
    "00, 00, LOGIN_ONLY",
    "00, 01, FULL",
    "00, 02, NONE",
    "00, 03, FULL",
    "01, 00, FULL",
    "01, 01, FULL",
    "01, 02, ENCRYPTION_NOT_SUPPORTED",
    "01, 03, FULL",
    "02, 00, NONE",
    "02, 01, ENCRYPTION_REQUIRED",
    "02, 02, NONE",
    "02, 03, ENCRYPTION_REQUIRED",
    "03, 00, FULL",
    "03, 01, FULL",
    "03, 02, ENCRYPTION_NOT_SUPPORTED",
    "03, 03, FULL",
    // with CLIENT_CERT: as the base value, but a certificate needs TLS, so NOT_SUP fails
    "80, 00, LOGIN_ONLY",
    "80, 01, FULL",
    "80, 02, ENCRYPTION_NOT_SUPPORTED",
    "80, 03, FULL",
    "81, 00, FULL",
    "81, 01, FULL",
    "81, 02, ENCRYPTION_NOT_SUPPORTED",
    "81, 03, FULL",
    "83, 00, FULL",
    "83, 01, FULL",
    "83, 02, ENCRYPTION_NOT_SUPPORTED",
    "83, 03, FULL",
  })
  void clientOutcome(String sent, String reply, String expected) {
    ClientOutcome o = EncryptionTable.clientOutcome(value(sent), value(reply));

    if (isOutcome(expected)) {
      assertThat(o.failed()).as(o.toString()).isFalse();
      assertThat(o.outcome()).isEqualTo(Outcome.valueOf(expected));
      assertThat(o.outcomeIfAny()).contains(Outcome.valueOf(expected));
      assertThat(o.failure()).isNull();
      assertThat(o.toString()).isEqualTo(Outcome.valueOf(expected).label());
    } else {
      assertThat(o.failed()).as(o.toString()).isTrue();
      assertThat(o.outcomeIfAny()).isEmpty();
      assertThat(o.failure()).isEqualTo(Kind.valueOf(expected));
      assertThat(o.reason()).contains(value(reply).toString());
    }
  }

  static Stream<Arguments> validSentTimesInvalidReply() {
    List<Arguments> cells = new ArrayList<>();
    for (String sent : List.of("00", "01", "02", "03", "80", "81", "83")) {
      for (String reply : List.of("04", "80", "FF")) {
        cells.add(Arguments.of(sent, reply));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "client sent 0x{0}, server replied invalid 0x{1} -> PROTOCOL_VIOLATION")
  @MethodSource("validSentTimesInvalidReply")
  void invalidReplyIsAProtocolViolation(String sent, String reply) {
    ClientOutcome o = EncryptionTable.clientOutcome(value(sent), value(reply));

    assertThat(o.failed()).isTrue();
    assertThat(o.failure()).isEqualTo(Kind.PROTOCOL_VIOLATION);
    assertThat(o.reason()).contains(value(reply).toString());
  }

  @ParameterizedTest(name = "a client wanting encryption (0x{0}) never continues with the login in clear")
  @ValueSource(strings = {"01", "03", "81", "83"})
  void mandatoryClientNeverGetsAnUnencryptedLogin(String sent) {
    for (int b = 0; b <= 0xFF; b++) {
      ClientOutcome o = EncryptionTable.clientOutcome(value(sent), EncryptionValue.of(b));
      String cell = String.format("reply 0x%02X: %s", b, o);
      if (!o.failed()) {
        assertThat(o.outcome().encryptsLogin()).as(cell).isTrue();
        assertThat(o.outcome()).as(cell).isEqualTo(Outcome.FULL);
      }
    }
  }

  @Test
  void replyOutsideTheFourServerValuesAlwaysFails() {
    for (String sent : List.of("00", "01", "02", "03", "80", "81", "83")) {
      for (int b = 0; b <= 0xFF; b++) {
        ClientOutcome o = EncryptionTable.clientOutcome(value(sent), EncryptionValue.of(b));
        if (b > 0x03) {
          assertThat(o.failure()).as("sent 0x%s, reply 0x%02X", sent, b).isEqualTo(Kind.PROTOCOL_VIOLATION);
        } else {
          assertThat(o.failure()).as("sent 0x%s, reply 0x%02X", sent, b).isNotEqualTo(Kind.PROTOCOL_VIOLATION);
        }
      }
    }
  }

  @ParameterizedTest(name = "client sent 0x{0}, server set {1}: the client goes on exactly when the server does")
  @MethodSource("validClientTimesServer")
  void bothHalvesOfTheTableAgree(String sent, ServerEncryption server) {
    ServerReply r = EncryptionTable.serverReply(value(sent), server, ClientCertPolicy.MS_TDS);
    ClientOutcome o = EncryptionTable.clientOutcome(value(sent), r.replyValue().orElseThrow());

    assertThat(o.failed()).as("server %s, client %s", r, o).isEqualTo(r.close());
  }

  static Stream<Arguments> validClientTimesServer() {
    return Stream.of("00", "01", "02", "03", "80", "81", "83")
        .flatMap(c -> Stream.of(ServerEncryption.values()).map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"04", "7F", "82", "FF"})
  void aClientNeverSendsAnInvalidValue(String sent) {
    assertThatThrownBy(() -> EncryptionTable.clientOutcome(value(sent), EncryptionValue.ON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x" + sent);
  }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  void outcomesSayWhatTheyEncrypt(Outcome outcome) {
    assertThat(outcome.encryptsLogin()).isEqualTo(outcome != Outcome.NONE);
    assertThat(outcome.encryptsSession()).isEqualTo(outcome == Outcome.FULL || outcome == Outcome.STRICT);
    assertThat(outcome.label()).isEqualTo(outcome.name().toLowerCase().replace('_', '-'));
  }

  // ---------------------------------------------------------------- helpers

  private static void assertClosedWithoutReply(ServerReply r) {
    assertThat(r.replyValue()).isEmpty();
    assertThat(r.close()).isTrue();
    assertThat(r.reason()).isNotBlank();
    assertThat(r.toString()).startsWith("close (");
  }

  private static boolean isOutcome(String name) {
    return Stream.of(Outcome.values()).anyMatch(o -> o.name().equals(name));
  }

  private static EncryptionValue value(String hex) {
    return EncryptionValue.of(Integer.parseInt(hex.trim(), 16));
  }

  /** The seed's names for the four base values. */
  private static EncryptionValue named(String name) {
    switch (name) {
      case "ENCRYPT_OFF": return EncryptionValue.OFF;
      case "ENCRYPT_ON": return EncryptionValue.ON;
      case "ENCRYPT_NOT_SUP": return EncryptionValue.NOT_SUP;
      case "ENCRYPT_REQ": return EncryptionValue.REQ;
      default: throw new IllegalArgumentException(name);
    }
  }
}
