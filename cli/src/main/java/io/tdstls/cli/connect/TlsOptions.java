package io.tdstls.cli.connect;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.ClientAuth;
import io.tdstls.client.ClientTlsProvider;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The TLS flags of {@code connect}, applied over the TLS settings of the chosen source. */
public final class TlsOptions {

  @Option(names = "--encrypt", paramLabel = "MODE",
      description = "off | optional | mandatory | strict; also the Microsoft (false, true) and FreeTDS"
          + " (request, require) names. Default mandatory.")
  String encrypt;

  @Option(names = "--ca-file", paramLabel = "FILE",
      description = "PEM file of trusted CAs (repeatable); 'system' for the JDK's trust store.")
  List<String> caFiles = new ArrayList<>();

  @Option(names = "--trust-store", paramLabel = "FILE", description = "PKCS12 or JKS trust store.")
  Path trustStore;

  @Option(names = "--trust-store-password", paramLabel = "PASSWORD", description = "Trust store password.")
  String trustStorePassword;

  @Option(names = "--trust-store-type", paramLabel = "PKCS12|JKS", description = "Trust store type (default PKCS12).")
  String trustStoreType = "PKCS12";

  @Option(names = "--crl-file", paramLabel = "FILE", description = "Certificate revocation list (repeatable).")
  List<Path> crlFiles = new ArrayList<>();

  @Option(names = "--host-name-in-certificate", paramLabel = "NAME",
      description = "Name the certificate must carry, when not the host connected to.")
  String hostNameInCertificate;

  @Option(names = "--no-hostname-check", description = "Validate the chain but not the host name.")
  boolean noHostnameCheck;

  @Option(names = "--server-certificate", paramLabel = "FILE",
      description = "Pin the server certificate: exactly this PEM or DER certificate.")
  Path serverCertificate;

  @Option(names = "--server-certificate-sha256", paramLabel = "HEX",
      description = "Pin the server certificate's SHA-256 fingerprint (64 hex digits, colons allowed).")
  String serverCertificateSha256;

  @Option(names = "--trust-server-certificate",
      description = "DANGEROUS: accept any certificate (a man in the middle can read everything)."
          + " Not honoured in strict mode.")
  boolean trustServerCertificate;

  @Option(names = "--tls-min", paramLabel = "VERSION", description = "Lowest TLS version: 1.0, 1.1, 1.2, 1.3.")
  String tlsMin;

  @Option(names = "--tls-max", paramLabel = "VERSION", description = "Highest TLS version: 1.0, 1.1, 1.2, 1.3.")
  String tlsMax;

  @Option(names = "--enable-legacy-tls", description = "Allow TLS 1.0 and 1.1, for servers that cannot be upgraded.")
  boolean enableLegacyTls;

  @Option(names = "--client-cert", paramLabel = "FILE",
      description = "Client certificate for mutual TLS (strict only): a PEM chain with --client-key, else PKCS12.")
  Path clientCert;

  @Option(names = "--client-key", paramLabel = "FILE", description = "Private key (PEM) of --client-cert.")
  Path clientKey;

  @Option(names = "--client-key-password", paramLabel = "PASSWORD",
      description = "Password of the client key, or of the PKCS12 file.")
  String clientKeyPassword;

  @Option(names = "--tls-provider", paramLabel = "jdk|openssl",
      description = "TLS implementation of the client: the JDK's (default) or OpenSSL (BoringSSL, netty-tcnative).")
  String tlsProvider;

  @Option(names = "--no-session-resumption",
      description = "Make a full TLS handshake on every connection (no client session cache).")
  boolean noSessionResumption;

  /** Creates empty options. */
  public TlsOptions() {}

  /**
   * Returns the TLS provider given with {@code --tls-provider}.
   *
   * @param fallback the provider when the flag is absent
   * @return the provider
   * @throws TdsConfigException if the value is neither {@code jdk} nor {@code openssl}
   */
  public ClientTlsProvider provider(ClientTlsProvider fallback) {
    return tlsProvider == null ? fallback : ClientTlsProvider.parse("--tls-provider", tlsProvider);
  }

  /**
   * Applies the flags that were given over a TLS configuration.
   *
   * @param base the source's TLS settings
   * @return the resulting settings
   * @throws TdsConfigException if a value is invalid or the settings contradict each other
   */
  public TlsConfig apply(TlsConfig base) {
    TlsConfig.Builder t = base.toBuilder();
    if (encrypt != null) {
      t.mode(EncryptMode.parse(encrypt));
    }
    caFiles.forEach(f -> t.caFile(Path.of(f)));
    if (trustStore != null) {
      t.trustStore(trustStore, trustStoreType, chars(trustStorePassword));
    }
    crlFiles.forEach(t::crlFile);
    if (hostNameInCertificate != null) {
      t.hostNameInCertificate(hostNameInCertificate);
    }
    if (noHostnameCheck) {
      t.hostnameVerification(false);
    }
    if (serverCertificate != null) {
      t.serverCertificate(serverCertificate);
    }
    if (serverCertificateSha256 != null) {
      t.serverCertificateSha256(serverCertificateSha256);
    }
    if (trustServerCertificate) {
      t.dangerous().trustServerCertificate(true);
    }
    if (enableLegacyTls) {
      t.enableLegacyTls(true);
    }
    if (tlsMin != null) {
      t.minProtocolVersion(TlsVersion.parse(tlsMin));
    }
    if (tlsMax != null) {
      t.maxProtocolVersion(TlsVersion.parse(tlsMax));
    }
    if (noSessionResumption) {
      t.sessionResumption(false);
    }
    applyClientCertificate(t);
    return t.build();
  }

  private void applyClientCertificate(TlsConfig.Builder t) {
    if (clientCert == null) {
      if (clientKey != null) {
        throw new TdsConfigException("--client-key needs --client-cert, the certificate chain it belongs to");
      }
      return;
    }
    t.clientAuth(clientKey == null
        ? ClientAuth.pkcs12(clientCert, chars(clientKeyPassword))
        : ClientAuth.pem(clientCert, clientKey, chars(clientKeyPassword)));
  }

  private static char[] chars(String s) {
    return s == null ? null : s.toCharArray();
  }
}
