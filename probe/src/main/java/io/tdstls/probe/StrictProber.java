package io.tdstls.probe;

import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.tls.TlsVersion;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Tries TDS 8.0 strict at one TLS version: TLS first (with ALPN {@code tds/8.0} or none), then a
 * PRELOGIN inside TLS to read the server's fields, then close. No LOGIN7 follows.
 */
final class StrictProber {

  private StrictProber() {}

  /** One strict attempt, the chain seen, and the PRELOGIN fields read inside TLS (or null). */
  record Observed(TlsAttempt attempt, List<X509Certificate> chain, ServerFields fields) {}

  static Observed attempt(Target target, TlsVersion version, boolean alpn, Duration timeout, boolean askTds) {
    if (!ProbeTls.testable(version)) {
      return new Observed(TlsAttempts.notTestable(version), List.of(), null);
    }
    ObservingTrustManager observer = new ObservingTrustManager();
    try (ProbeSocket socket = ProbeSocket.connect(target, timeout)) {
      SSLSocket tls = (SSLSocket) ProbeTls.context(observer).getSocketFactory()
          .createSocket(socket.socket(), target.host(), target.port(), true);
      tls.setUseClientMode(true);
      tls.setSSLParameters(ProbeTls.parameters(tls.getSSLParameters(), version, alpn, target.host()));
      tls.setSoTimeout(socket.remainingMillis());
      tls.startHandshake();
      String selected = tls.getApplicationProtocol() == null ? "" : tls.getApplicationProtocol();
      TlsAttempt attempt = TlsAttempts.completed(version, tls.getSession(), selected);
      socket.upgrade(tls);
      return new Observed(attempt, observer.chain(), attempt.accepted() && askTds ? preloginInside(socket) : null);
    } catch (IOException e) {
      return new Observed(TlsAttempts.failed(version, e), observer.chain(), null);
    }
  }

  /** Sends a PRELOGIN inside strict TLS and reads the server's fields; null if it does not answer one. */
  private static ServerFields preloginInside(ProbeSocket socket) {
    try {
      socket.send(PacketType.PRELOGIN, PreloginProber.request(EncryptionValue.NOT_SUP).encode());
      return ServerFields.of(PreLogin.decode(socket.readMessage()));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Tries TLS 1.3 and 1.2 with ALPN; if either works, TLS 1.1 and 1.0 too, and the best version
   * without ALPN. Adds each chain seen to {@code chains}.
   */
  static StrictResult probe(Target target, Duration timeout, boolean sevenXRefused, List<List<X509Certificate>> chains) {
    TlsAttempt[] versions = new TlsAttempt[TlsVersion.values().length];
    ServerFields fields = null;
    String alpnSelected = "";
    TlsVersion best = null;
    boolean silent = true;
    boolean tlsNotTds = false;
    for (TlsVersion v : List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0)) {
      if (v.isLegacy() && best == null) {
        versions[v.ordinal()] = TlsAttempt.skipped(v, TlsAttemptStatus.NOT_ATTEMPTED, "strict is not served");
        continue;
      }
      Observed o = attempt(target, v, true, timeout, best == null);
      versions[v.ordinal()] = o.attempt();
      silent &= o.attempt().status() == TlsAttemptStatus.TIMEOUT;
      chains.add(o.chain());
      if (o.attempt().accepted() && best == null) {
        best = v;
        alpnSelected = o.attempt().alpn();
        fields = o.fields();
        tlsNotTds = fields == null; // asked once: a TLS service that never answers TDS costs one timeout, not three
      }
    }
    boolean withAlpn = best != null;
    boolean withoutAlpn = !silent
        && attempt(target, withAlpn ? best : TlsVersion.TLS_1_2, false, timeout, false).attempt().accepted();
    StrictSupport support = !(withAlpn || withoutAlpn) ? StrictSupport.NOT_SUPPORTED
        : tlsNotTds ? StrictSupport.TLS_NOT_TDS : sevenXRefused ? StrictSupport.REQUIRED : StrictSupport.SUPPORTED;
    return new StrictResult(support, withAlpn, withoutAlpn, alpnSelected, List.of(versions), fields);
  }
}
