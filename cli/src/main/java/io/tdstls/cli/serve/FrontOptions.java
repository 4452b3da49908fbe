package io.tdstls.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The server-side flags shared by {@code serve} and {@code gateway}: the certificate, the
 * encryption policy, client certificates, the TLS provider, and the limits. Each is {@code null}
 * (or empty) when not given, so that a {@code --config} file's value, or else the default, applies.
 */
public final class FrontOptions {

  @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain, server certificate first.")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "PEM private key of --cert.")
  Path key;

  @Option(names = "--key-password", paramLabel = "PASSWORD", description = "Password of --key or of --pkcs12.")
  String keyPassword;

  @Option(names = "--pkcs12", paramLabel = "FILE", description = "PKCS12 file with the key and its chain.")
  Path pkcs12;

  @Option(names = "--cert-dir", paramLabel = "DIR",
      description = "Where a generated certificate's PEM is written (default: a new temporary directory).")
  Path certDir;

  @Option(names = "--encryption", paramLabel = "available|forced|not-supported",
      description = "TDS 7.x encryption: available, forced, or not-supported (no TLS). Default: available for serve"
          + " (SQL Server's default), forced for gateway.")
  String encryption;

  @Option(names = "--strict", paramLabel = "disabled|allowed|required",
      description = "TDS 8.0 strict connections (default allowed; disabled with --encryption not-supported).")
  String strict;

  @Option(names = "--alpn", paramLabel = "optional|required",
      description = "Whether strict clients must offer ALPN tds/8.0 (default optional: a missing offer is served;"
          + " an offer without tds/8.0 is always refused).")
  String alpn;

  @Option(names = "--client-cert-policy", paramLabel = "ms-tds|babelfish",
      description = "How a CLIENT_CERT ENCRYPTION byte is answered: as MS-TDS says (default), or closed as Babelfish does.")
  String clientCertPolicy;

  @Option(names = "--client-ca", paramLabel = "FILE",
      description = "PEM CA file whose client certificates are required on the strict path (repeatable; mTLS).")
  List<Path> clientCas = new ArrayList<>();

  @Option(names = "--client-cert-mode", paramLabel = "required|optional",
      description = "With --client-ca: whether strict clients must present a certificate (default required).")
  String clientCertMode;

  @Option(names = "--login-timeout", paramLabel = "SECONDS", description = "Time from connect to login (default 30).")
  Integer loginTimeoutSeconds;

  @Option(names = "--max-connections", paramLabel = "N", description = "Connections served at once (default 1000).")
  Integer maxConnections;

  @Option(names = "--pre-login-limit", paramLabel = "KIB",
      description = "Most KiB one connection may make the server buffer before its login is accepted (default 64; at least 4).")
  Integer preLoginLimitKib;

  @Option(names = "--pre-login-budget", paramLabel = "MIB",
      description = "Most MiB all connections that have not logged in may make the server buffer together (default 32).")
  Integer preLoginBudgetMib;

  @Option(names = "--tls-provider", paramLabel = "jdk|openssl",
      description = "TLS implementation: the JDK's (default) or OpenSSL (BoringSSL, netty-tcnative).")
  String tlsProvider;

  /** Creates the options; a flag left out is {@code null} (or empty), and its default applies. */
  public FrontOptions() {}
}
