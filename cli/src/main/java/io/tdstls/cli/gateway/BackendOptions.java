package io.tdstls.cli.gateway;

import io.tdstls.cli.connect.TlsOptions;
import io.tdstls.client.ClientTlsProvider;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The back-side flags of {@code gateway}: the TLS flags of {@code connect} with a {@code
 * --backend-} prefix. They are handed to {@link TlsOptions} under their {@code connect} names, so
 * both commands parse and check them the same way.
 */
public final class BackendOptions {

  @Option(names = "--backend-encrypt", paramLabel = "MODE",
      description = "How the gateway connects to the backend: off | optional | mandatory | strict (default"
          + " mandatory). off and optional are insecure: the gateway warns and marks every audit line.")
  String encrypt;

  @Option(names = "--backend-ca-file", paramLabel = "FILE",
      description = "PEM file of CAs trusted for the backend's certificate (repeatable); 'system' for the JDK's.")
  List<String> caFiles = new ArrayList<>();

  @Option(names = "--backend-trust-store", paramLabel = "FILE", description = "PKCS12 trust store for the backend.")
  Path trustStore;

  @Option(names = "--backend-trust-store-password", paramLabel = "PASSWORD", description = "Its password.")
  String trustStorePassword;

  @Option(names = "--backend-server-certificate", paramLabel = "FILE",
      description = "Pin the backend's certificate: exactly this PEM or DER certificate.")
  Path serverCertificate;

  @Option(names = "--backend-server-certificate-sha256", paramLabel = "HEX",
      description = "Pin the backend certificate's SHA-256 fingerprint.")
  String serverCertificateSha256;

  @Option(names = "--backend-host-name-in-certificate", paramLabel = "NAME",
      description = "Name the backend's certificate must carry, when not the --backend host.")
  String hostNameInCertificate;

  @Option(names = "--backend-trust-server-certificate",
      description = "DANGEROUS: accept any backend certificate. The gateway warns and marks every audit line.")
  boolean trustServerCertificate;

  @Option(names = "--backend-tls-min", paramLabel = "VERSION", description = "Lowest TLS version towards the backend.")
  String tlsMin;

  @Option(names = "--backend-tls-max", paramLabel = "VERSION", description = "Highest TLS version towards the backend.")
  String tlsMax;

  @Option(names = "--backend-tls-provider", paramLabel = "jdk|openssl",
      description = "TLS implementation towards the backend: the JDK's (default) or OpenSSL (BoringSSL).")
  String tlsProvider;

  @Option(names = "--backend-timeout", paramLabel = "SECONDS",
      description = "Limit for connecting and logging in to the backend (default 15).")
  Integer timeoutSeconds;

  /** Creates the options; a flag left out is {@code null} (or empty), and its default applies. */
  public BackendOptions() {}

  /**
   * Tells whether any back-side flag was given (they cannot be combined with a config file's routes).
   *
   * @return whether a flag was given
   */
  public boolean given() {
    return encrypt != null || !caFiles.isEmpty() || trustStore != null || trustStorePassword != null
        || serverCertificate != null || serverCertificateSha256 != null || hostNameInCertificate != null
        || trustServerCertificate || tlsMin != null || tlsMax != null || timeoutSeconds != null;
  }

  /**
   * Returns the limit for connecting and logging in to the backend.
   *
   * @return {@code --backend-timeout}, default 15 s
   */
  public java.time.Duration timeout() {
    return java.time.Duration.ofSeconds(timeoutSeconds == null ? 15 : Math.max(1, timeoutSeconds));
  }

  /**
   * Builds the back side's TLS settings.
   *
   * @return the settings
   * @throws io.tdstls.error.TdsConfigException if a value is invalid
   */
  public TlsConfig tlsConfig() {
    List<String> args = new ArrayList<>(List.of("--encrypt", encrypt == null ? "mandatory" : encrypt));
    caFiles.forEach(f -> args.addAll(List.of("--ca-file", f)));
    add(args, "--trust-store", trustStore);
    add(args, "--trust-store-password", trustStorePassword);
    add(args, "--server-certificate", serverCertificate);
    add(args, "--server-certificate-sha256", serverCertificateSha256);
    add(args, "--host-name-in-certificate", hostNameInCertificate);
    add(args, "--tls-min", tlsMin);
    add(args, "--tls-max", tlsMax);
    if (trustServerCertificate) {
      args.add("--trust-server-certificate");
    }
    TlsOptions connect = CommandLine.populateCommand(new TlsOptions(), args.toArray(String[]::new));
    return connect.apply(TlsConfig.defaults());
  }

  /**
   * Returns the back side's TLS provider.
   *
   * @return {@code --backend-tls-provider}, the JDK's by default
   * @throws io.tdstls.error.TdsConfigException if the value is neither {@code jdk} nor {@code openssl}
   */
  public ClientTlsProvider provider() {
    return tlsProvider == null ? ClientTlsProvider.JDK : ClientTlsProvider.parse("--backend-tls-provider", tlsProvider);
  }

  private static void add(List<String> args, String name, Object value) {
    if (value != null) {
      args.add(name);
      args.add(value.toString());
    }
  }
}
