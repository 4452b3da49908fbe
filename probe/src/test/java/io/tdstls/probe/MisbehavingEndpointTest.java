package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe against endpoints that misbehave, each a tiny ServerSocket thread on loopback. */
class MisbehavingEndpointTest {

  static final Duration TIMEOUT = Duration.ofMillis(400);

  static ProbeReport probe(Target target) {
    return new Prober(ProbeOptions.builder().timeout(TIMEOUT).build()).probe(target);
  }

  @Test
  void closesRightAfterPrelogin() throws Exception {
    try (FakeEndpoint e = new FakeEndpoint(s -> FakeEndpoint.readPacket(s))) {
      ProbeReport r = probe(e.target());

      assertThat(r.prelogin()).allMatch(p -> p.kind() == ReplyKind.CLOSED);
      assertThat(r.posture()).isEqualTo(EncryptionPosture.REFUSED);
      assertThat(r.strict().support()).isEqualTo(StrictSupport.NOT_SUPPORTED);
      assertThat(r.findings()).extracting(Finding::id).containsExactly("prelogin-refused");
      assertThat(r.worst().exitCode()).isEqualTo(1);
    }
  }

  @Test
  void answersGarbage() throws Exception {
    byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (FakeEndpoint e = new FakeEndpoint(s -> {
      FakeEndpoint.readPacket(s);
      s.getOutputStream().write(http);
      s.getOutputStream().flush();
    })) {
      ProbeReport r = probe(e.target());

      assertThat(r.reply(PreloginProbe.OFF).kind()).isEqualTo(ReplyKind.GARBAGE);
      assertThat(r.reply(PreloginProbe.OFF).describe()).isEqualTo("garbage");
      assertThat(r.posture()).isEqualTo(EncryptionPosture.NOT_TDS);
      assertThat(r.findings()).extracting(Finding::id).containsExactly("not-tds");
    }
  }

  @Test
  void answersAMalformedPreloginInAValidPacket() throws Exception {
    // a tabular-result packet whose PRELOGIN option table points outside the payload
    byte[] packet = {0x04, 0x01, 0x00, 0x0E, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, (byte) 0xFF};
    try (FakeEndpoint e = new FakeEndpoint(s -> {
      FakeEndpoint.readPacket(s);
      s.getOutputStream().write(packet);
      s.getOutputStream().flush();
      s.getInputStream().read();
    })) {
      ProbeReport r = probe(e.target());

      assertThat(r.reply(PreloginProbe.OFF).kind()).isEqualTo(ReplyKind.GARBAGE);
      assertThat(r.reply(PreloginProbe.OFF).detail()).contains("PRELOGIN");
    }
  }

  @Test
  void neverAnswersAndTheTimeoutIsRespected() throws Exception {
    try (FakeEndpoint e = new FakeEndpoint(s -> s.getInputStream().readAllBytes())) {
      long start = System.nanoTime();
      ProbeReport r = probe(e.target());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.prelogin()).allMatch(p -> p.kind() == ReplyKind.TIMEOUT);
      assertThat(r.posture()).isEqualTo(EncryptionPosture.SILENT);
      assertThat(r.strict().versions()).noneMatch(TlsAttempt::accepted);
      // 5 PRELOGIN probes and 2 strict handshakes, each bounded by the timeout, plus slack
      assertThat(took).isLessThan(TIMEOUT.multipliedBy(7).plusSeconds(3));
      assertThat(r.findings()).extracting(Finding::id).containsExactly("no-answer");
    }
  }

  @Test
  void nothingListening() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProbeReport r = probe(new Target("127.0.0.1", port));

    assertThat(r.posture()).isEqualTo(EncryptionPosture.UNREACHABLE);
    assertThat(r.prelogin()).allMatch(p -> p.kind() == ReplyKind.UNREACHABLE);
    assertThat(r.findings()).extracting(Finding::id).containsExactly("unreachable");
  }

  @Test
  void strictOnlyEndpointIsStrictRequired() throws Exception {
    try (FakeEndpoint e = StrictOnlyEndpoint.start(TestCertificates.SERVER)) {
      ProbeReport r = probe(e.target());

      assertThat(r.prelogin()).allMatch(p -> p.kind() == ReplyKind.CLOSED);
      assertThat(r.posture()).isEqualTo(EncryptionPosture.STRICT_REQUIRED);
      assertThat(r.strict().support()).isEqualTo(StrictSupport.REQUIRED);
      assertThat(r.strict().alpnSelected()).isEqualTo("tds/8.0");
      assertThat(r.fields()).hasValueSatisfying(f -> assertThat(f.productName()).isEqualTo("SQL Server 2022"));
      assertThat(r.certificateFacts()).isPresent();
      assertThat(r.findings()).extracting(Finding::id).doesNotContain("prelogin-refused", "cleartext-login");
    }
  }


  @Test
  void answersOnToEverythingMatchesNoServerSetting() throws Exception {
    byte[] reply = MessageSplitter.toWire(new TdsMessage(PacketType.TABULAR_RESULT,
        PreLogin.of(new Version(15, 0, 2000, 5)).withEncryption(EncryptionValue.ON).encode()), 4096, 0);
    try (FakeEndpoint e = new FakeEndpoint(s -> {
      FakeEndpoint.readPacket(s);
      s.getOutputStream().write(reply);
      s.getOutputStream().flush();
      s.getInputStream().read();
    })) {
      ProbeReport r = probe(e.target());

      assertThat(r.reply(PreloginProbe.OFF).describe()).isEqualTo("0x01 ENCRYPT_ON");
      assertThat(r.consistentWith()).isEmpty();
      assertThat(r.fields().orElseThrow().productName()).isEqualTo("SQL Server 2019");
      assertThat(r.findings()).extracting(Finding::id).contains("nonconforming-replies");
    }
  }
}
