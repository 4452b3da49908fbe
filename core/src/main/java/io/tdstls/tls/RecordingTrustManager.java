package io.tdstls.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A server trust manager that remembers which engines it checked a certificate for. A full
 * handshake always has the server's certificate checked; a resumed one (TLS 1.2 session ID or
 * ticket, TLS 1.3 pre-shared key) has no certificate to check, so an engine whose handshake
 * finished without a check resumed a session. This works the same for the JDK's engines and
 * OpenSSL's, which have no common public API saying so.
 */
public final class RecordingTrustManager extends ForwardingTrustManager {

  private final Set<SSLEngine> checked = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /**
   * Wraps a trust manager.
   *
   * @param delegate the trust manager that decides
   */
  public RecordingTrustManager(X509ExtendedTrustManager delegate) {
    super(delegate);
  }

  /**
   * Tells whether a certificate was checked, successfully or not, for this engine.
   *
   * @param engine an engine whose handshake used this trust manager
   * @return whether the server's certificate was checked for it
   */
  public boolean checked(SSLEngine engine) {
    return checked.contains(engine);
  }

  /**
   * Forgets an engine (its connection is closed).
   *
   * @param engine the engine
   */
  public void forget(SSLEngine engine) {
    checked.remove(engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    if (engine != null) {
      checked.add(engine);
    }
    delegate.checkServerTrusted(chain, authType, engine);
  }
}
