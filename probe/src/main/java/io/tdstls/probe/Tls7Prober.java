package io.tdstls.probe;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.prelogin.EncryptionLevel;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.tls.TlsVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;

/**
 * Tries a TLS handshake at one version inside TDS 7.x PRELOGIN wrapping: PRELOGIN with ENCRYPT_ON,
 * then the handshake in PRELOGIN packets, then close. No LOGIN7 follows.
 */
final class Tls7Prober {

  private Tls7Prober() {}

  static TlsAttempts.Observed attempt(Target target, TlsVersion version, Duration timeout) {
    if (!ProbeTls.testable(version)) {
      return new TlsAttempts.Observed(TlsAttempts.notTestable(version), List.of());
    }
    ObservingTrustManager observer = new ObservingTrustManager();
    try (ProbeSocket socket = ProbeSocket.connect(target, timeout)) {
      socket.send(PacketType.PRELOGIN, PreloginProber.request(EncryptionValue.ON).encode());
      EncryptionValue reply = PreLogin.decode(socket.readMessage()).encryption().orElse(EncryptionValue.NOT_SUP);
      if (!reply.isValid() || !reply.level().map(EncryptionLevel::wantsEncryption).orElse(false)) {
        return new TlsAttempts.Observed(new TlsAttempt(version, TlsAttemptStatus.REFUSED, "", "",
            "the server answered ENCRYPT_ON with " + reply), List.of());
      }
      SSLEngine engine = ProbeTls.context(observer).createSSLEngine(target.host(), target.port());
      engine.setUseClientMode(true);
      engine.setSSLParameters(ProbeTls.parameters(engine.getSSLParameters(), version, false, target.host()));
      WrappedHandshake.run(socket, engine);
      return new TlsAttempts.Observed(TlsAttempts.completed(version, engine.getSession(), ""), observer.chain());
    } catch (TdsProtocolException e) {
      return new TlsAttempts.Observed(new TlsAttempt(version, TlsAttemptStatus.REFUSED, "", "",
          "the PRELOGIN reply is malformed: " + e.getMessage()), List.of());
    } catch (IOException e) {
      return new TlsAttempts.Observed(TlsAttempts.failed(version, e), observer.chain());
    }
  }
}
