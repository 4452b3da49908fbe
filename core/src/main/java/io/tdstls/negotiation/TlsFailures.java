package io.tdstls.negotiation;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TlsHandshakeException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Maps a JSSE failure to the typed error, by the types in its cause chain. */
final class TlsFailures {

  private TlsFailures() {}

  static TdsException map(SSLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TdsException) {
        return (TdsException) t;
      }
      if (t instanceof CertificateException) {
        return new CertificateInvalidException("the server certificate was rejected: " + t.getMessage(),
            "add the issuing CA (caFile / trust store) or pin the certificate (serverCertificate)", e);
      }
    }
    return new TlsHandshakeException("TLS failed: " + e.getMessage(),
        "check that both sides share a TLS version (1.2 on TDS 7.x) and a cipher suite", e);
  }
}
