package io.tdstls.config;

import io.tdstls.tls.ClientCertificateMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The listener's certificate and client-certificate settings ({@code listener.tls}): PEM files
 * ({@code cert} + {@code key}) or a PKCS12 file, and the CAs whose client certificates strict
 * clients present (mTLS).
 *
 * @param cert the PEM chain, server certificate first, or {@code null}
 * @param key the PEM private key of {@code cert}, or {@code null}
 * @param keyPassword the password of the key or the PKCS12 file, or {@code null}
 * @param pkcs12 the PKCS12 file, or {@code null}
 * @param clientCas PEM CA files of accepted client certificates (empty: no client certificates)
 * @param clientCertMode whether strict clients must present a certificate when CAs are given
 */
public record TlsMaterial(Path cert, Path key, Secret keyPassword, Path pkcs12, List<Path> clientCas,
    ClientCertificateMode clientCertMode) {

  /**
   * Copies the CA list.
   *
   * @param cert see the record component
   * @param key see the record component
   * @param keyPassword see the record component
   * @param pkcs12 see the record component
   * @param clientCas see the record component
   * @param clientCertMode see the record component
   */
  public TlsMaterial {
    clientCas = List.copyOf(clientCas);
    Objects.requireNonNull(clientCertMode, "clientCertMode");
  }

  /**
   * Tells whether a certificate is configured (else {@code serve} generates one).
   *
   * @return whether {@code cert}/{@code key} or {@code pkcs12} is set
   */
  public boolean hasCertificate() {
    return cert != null || key != null || pkcs12 != null;
  }
}
