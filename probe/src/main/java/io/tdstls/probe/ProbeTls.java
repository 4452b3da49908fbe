package io.tdstls.probe;

import io.tdstls.tls.TlsVersion;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/** Creates the TLS contexts and parameters of the probe: one protocol version per attempt. */
final class ProbeTls {

  /** The ALPN protocol of TDS 8.0 strict. */
  static final String ALPN_TDS_8 = "tds/8.0";

  private ProbeTls() {}

  /** A client context whose trust manager accepts and records any chain. */
  static SSLContext context(ObservingTrustManager observer) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {observer}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no TLS client: " + e.getMessage(), e);
    }
  }

  /** Parameters offering exactly one version, with ALPN tds/8.0 or none, and SNI for host names. */
  static SSLParameters parameters(SSLParameters base, TlsVersion version, boolean alpn, String host) {
    base.setProtocols(new String[] {version.javaName()});
    base.setApplicationProtocols(alpn ? new String[] {ALPN_TDS_8} : new String[0]);
    if (!host.contains(":") && !host.matches("[0-9.]+")) {
      try {
        base.setServerNames(List.of(new SNIHostName(host)));
      } catch (IllegalArgumentException e) {
        // a name that is not a valid SNI host name is simply not sent
      }
    }
    return base;
  }

  /**
   * Tells whether this JVM can offer a version. SunJSSE removes the versions listed in {@code
   * jdk.tls.disabledAlgorithms} (TLS 1.0 and 1.1 by default since JDK 16 / 11.0.11) from every
   * context's defaults, and a context cannot put them back.
   */
  static boolean testable(TlsVersion version) {
    SSLContext ctx = context(new ObservingTrustManager());
    return List.of(ctx.getDefaultSSLParameters().getProtocols()).contains(version.javaName());
  }
}
