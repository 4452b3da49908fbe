package io.tdstls.config;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a gateway secures its connection to a backend ({@code routes[i].backend.tls}); the keys are
 * named like {@code tds-tls connect}'s options: {@code encrypt}, {@code ca-file}, {@code
 * host-name-in-certificate}, {@code no-hostname-check}, {@code server-certificate}, {@code
 * server-certificate-sha256}, {@code trust-server-certificate}, {@code tls-min}, {@code tls-max},
 * {@code client-cert}, {@code client-key}, {@code client-key-password}.
 *
 * @param encrypt the encryption mode (default mandatory)
 * @param caFiles PEM CA files to trust instead of the JDK's
 * @param hostNameInCertificate the name expected in the certificate, or {@code null} for the host
 * @param noHostnameCheck validate the chain but not the name
 * @param serverCertificate a PEM certificate to pin, or {@code null}
 * @param serverCertificateSha256 a SHA-256 fingerprint to pin, or {@code null}
 * @param trustServerCertificate accept any certificate (logged as a warning)
 * @param tlsMin the lowest TLS version, or {@code null} for the default (1.2)
 * @param tlsMax the highest TLS version, or {@code null}
 * @param clientCert a PEM client certificate for the backend, or {@code null}
 * @param clientKey its PEM private key, or {@code null}
 * @param clientKeyPassword the key's password, or {@code null}
 * @param trustStore a PKCS12 trust store for the backend's certificate, or {@code null}
 * @param trustStorePassword its password, or {@code null}
 * @param timeout the limit for connecting and logging in to the backend, or {@code null} for the
 *     gateway's default (15 s)
 */
public record BackendTls(EncryptMode encrypt, List<Path> caFiles, String hostNameInCertificate,
    boolean noHostnameCheck, Path serverCertificate, String serverCertificateSha256, boolean trustServerCertificate,
    TlsVersion tlsMin, TlsVersion tlsMax, Path clientCert, Path clientKey, Secret clientKeyPassword,
    Path trustStore, Secret trustStorePassword, Duration timeout) {

  /**
   * The settings without a trust store or timeout.
   *
   * @param encrypt see the record component
   * @param caFiles see the record component
   * @param hostNameInCertificate see the record component
   * @param noHostnameCheck see the record component
   * @param serverCertificate see the record component
   * @param serverCertificateSha256 see the record component
   * @param trustServerCertificate see the record component
   * @param tlsMin see the record component
   * @param tlsMax see the record component
   * @param clientCert see the record component
   * @param clientKey see the record component
   * @param clientKeyPassword see the record component
   */
  public BackendTls(EncryptMode encrypt, List<Path> caFiles, String hostNameInCertificate, boolean noHostnameCheck,
      Path serverCertificate, String serverCertificateSha256, boolean trustServerCertificate, TlsVersion tlsMin,
      TlsVersion tlsMax, Path clientCert, Path clientKey, Secret clientKeyPassword) {
    this(encrypt, caFiles, hostNameInCertificate, noHostnameCheck, serverCertificate, serverCertificateSha256,
        trustServerCertificate, tlsMin, tlsMax, clientCert, clientKey, clientKeyPassword, null, null, null);
  }

  /**
   * Copies the CA list.
   *
   * @param encrypt see the record component
   * @param caFiles see the record component
   * @param hostNameInCertificate see the record component
   * @param noHostnameCheck see the record component
   * @param serverCertificate see the record component
   * @param serverCertificateSha256 see the record component
   * @param trustServerCertificate see the record component
   * @param tlsMin see the record component
   * @param tlsMax see the record component
   * @param clientCert see the record component
   * @param clientKey see the record component
   * @param clientKeyPassword see the record component
   * @param trustStore see the record component
   * @param trustStorePassword see the record component
   * @param timeout see the record component
   */
  public BackendTls {
    Objects.requireNonNull(encrypt, "encrypt");
    caFiles = List.copyOf(caFiles);
  }
}
