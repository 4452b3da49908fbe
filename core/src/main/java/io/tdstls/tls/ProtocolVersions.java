package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.TlsNegotiationMode;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Computes the TLS versions an engine enables on each negotiation path.
 *
 * <p>The TDS 7.x path ({@link TlsNegotiationMode#POST_PRE_LOGIN}) is capped at TLS 1.2: TLS 1.3
 * sends post-handshake messages that break the PRELOGIN wrapping. The strict path (TDS 8.0) never
 * goes below TLS 1.2. TLS 1.0 and 1.1 are enabled only when legacy TLS is.
 */
final class ProtocolVersions {

  private ProtocolVersions() {}

  /**
   * Returns the enabled versions.
   *
   * @param min the configured minimum
   * @param max the configured maximum
   * @param legacyEnabled whether TLS 1.0 and 1.1 may be enabled
   * @param path the negotiation path
   * @return JSSE protocol names, newest first
   * @throws TdsConfigException if no version is left, saying which setting to change
   */
  static String[] enabled(TlsVersion min, TlsVersion max, boolean legacyEnabled, TlsNegotiationMode path) {
    List<String> names = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      boolean inRange = v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
      boolean pathAllows = path == TlsNegotiationMode.STRICT ? !v.isLegacy() : v.compareTo(TlsVersion.TLS_1_2) <= 0;
      if (inRange && pathAllows && (legacyEnabled || !v.isLegacy())) {
        names.add(0, v.javaName());
      }
    }
    if (names.isEmpty()) {
      throw new TdsConfigException("no TLS version left for the " + path + " path with versions " + min + ".." + max
          + (path == TlsNegotiationMode.STRICT ? ": strict (TDS 8.0) needs TLS 1.2 or 1.3 allowed"
              : ": the TDS 7.x path is capped at TLS 1.2, so allow TLS 1.2 or use strict encryption"));
    }
    return names.toArray(new String[0]);
  }

  /**
   * Tells whether this JDK lets a context negotiate TLS 1.0 and 1.1. SunJSSE applies the {@code
   * jdk.tls.disabledAlgorithms} security property (which lists {@code TLSv1, TLSv1.1} since JDK
   * 16 and 11.0.11) to every context, after any {@link java.security.AlgorithmConstraints} given
   * in {@link javax.net.ssl.SSLParameters}; so a context cannot re-enable them, and only removing
   * them from that property (in {@code java.security}, or with {@code
   * -Djava.security.properties=file}) does.
   *
   * @param context any context of the provider
   * @return true if TLS 1.0 or 1.1 is enabled by default in the context
   */
  static boolean jdkAllowsLegacy(SSLContext context) {
    for (String p : context.getDefaultSSLParameters().getProtocols()) {
      TlsVersion v = TlsVersion.forJavaName(p);
      if (v != null && v.isLegacy()) {
        return true;
      }
    }
    return false;
  }
}
