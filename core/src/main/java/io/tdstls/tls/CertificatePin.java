package io.tdstls.tls;

import io.tdstls.tls.pki.CertificateFiles;
import io.tdstls.tls.pki.CertificateFingerprint;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The pinned server certificate: the exact certificate of a file, and/or a SHA-256 fingerprint.
 * When both are configured, the server certificate must match both.
 */
final class CertificatePin {

  private final List<CertificateFingerprint> pins;

  private CertificatePin(List<CertificateFingerprint> pins) {
    this.pins = List.copyOf(pins);
  }

  /**
   * Reads the pins of a configuration.
   *
   * @param config the client configuration
   * @return the pin, or {@code null} when nothing is pinned
   * @throws io.tdstls.error.TdsConfigException if the pinned certificate file cannot be read
   */
  static CertificatePin fromConfig(TlsConfig config) {
    List<CertificateFingerprint> pins = new ArrayList<>();
    config.serverCertificate().ifPresent(file ->
        pins.add(CertificateFingerprint.sha256(CertificateFiles.readCertificate(file))));
    config.serverCertificateSha256().ifPresent(digest -> pins.add(CertificateFingerprint.ofSha256(digest)));
    return pins.isEmpty() ? null : new CertificatePin(pins);
  }

  /**
   * Checks the server certificate against every pin.
   *
   * @param leaf the certificate the server presented
   * @throws PinMismatchCertificateException naming both fingerprints
   */
  void check(X509Certificate leaf) throws PinMismatchCertificateException {
    for (CertificateFingerprint pin : pins) {
      if (!pin.matches(leaf)) {
        throw new PinMismatchCertificateException(pin, CertificateFingerprint.sha256(leaf));
      }
    }
  }
}
