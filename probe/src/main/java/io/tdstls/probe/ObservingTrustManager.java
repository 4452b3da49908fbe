package io.tdstls.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client trust manager that accepts any server chain and records it, so that the probe can
 * complete a handshake with an untrusted, expired or misnamed certificate and then report on it.
 *
 * <p>Safe only because the probe never sends anything that needs protection over such a
 * connection: no LOGIN7, no credentials, no SQL. Trust is judged afterwards, by {@link
 * CertificateInspector}, and reported; it is never skipped silently.
 */
final class ObservingTrustManager extends X509ExtendedTrustManager {

  private volatile List<X509Certificate> chain = List.of();

  List<X509Certificate> chain() {
    return chain;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] presented, String authType) {
    chain = List.of(presented);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
    chain = List.of(presented);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
    chain = List.of(presented);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
    throw new CertificateException("the probe is a client; it never authenticates clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the probe is a client; it never authenticates clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the probe is a client; it never authenticates clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
