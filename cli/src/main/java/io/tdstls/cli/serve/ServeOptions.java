package io.tdstls.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code serve}; {@link ServeSetup} turns them into a server configuration. A flag
 * left out is {@code null} (or empty), so that a {@code --config} file's value, or else the default
 * in the description, applies: flags override the file.
 */
public final class ServeOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file (listener, users, metrics; see the README). Reloaded when it changes;"
          + " flags given here override it.")
  Path config;

  @Option(names = "--users-file", paramLabel = "FILE",
      description = "Password file of NAME:pbkdf2-sha256$... lines (made with tds-tls hash-password).")
  Path usersFile;

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics and a health check at /health.")
  String metrics;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS",
      description = "On SIGTERM, how long open sessions may finish before they are closed (default 30).")
  Integer drainTimeoutSeconds;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default 1433; 0 picks a free one).")
  Integer port;

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
      description = "TDS 7.x encryption: available (SQL Server's default), forced, or not-supported (no TLS).")
  String encryption;

  @Option(names = "--strict", paramLabel = "disabled|allowed|required",
      description = "TDS 8.0 strict connections (default allowed; disabled with --encryption not-supported).")
  String strict;

  @Option(names = "--alpn", paramLabel = "optional|required",
      description = "Whether strict clients must offer ALPN tds/8.0 (default optional: a missing offer is served;"
          + " an offer without tds/8.0 is always refused).")
  String alpn = "optional";

  @Option(names = "--client-cert-policy", paramLabel = "ms-tds|babelfish",
      description = "How a CLIENT_CERT ENCRYPTION byte is answered: as MS-TDS says (default), or closed as Babelfish does.")
  String clientCertPolicy;

  @Option(names = "--client-ca", paramLabel = "FILE",
      description = "PEM CA file whose client certificates are required on the strict path (repeatable; mTLS).")
  List<Path> clientCas = new ArrayList<>();

  @Option(names = "--client-cert-mode", paramLabel = "required|optional",
      description = "With --client-ca: whether strict clients must present a certificate (default required).")
  String clientCertMode;

  @Option(names = "--user", paramLabel = "NAME:PASSWORD",
      description = "A login the endpoint accepts (repeatable). Without one, a user 'tds' with a random password"
          + " is created and printed.")
  List<String> users = new ArrayList<>();

  @Option(names = "--login-timeout", paramLabel = "SECONDS", description = "Time from connect to login (default 30).")
  Integer loginTimeoutSeconds;

  @Option(names = "--max-connections", paramLabel = "N", description = "Connections served at once (default 1000).")
  Integer maxConnections;

  @Option(names = "--pre-login-limit", paramLabel = "KIB",
      description = "Most KiB one connection may make the server buffer before its login is accepted (default 64; at least 4).")
  int preLoginLimitKib = 64;

  @Option(names = "--pre-login-budget", paramLabel = "MIB",
      description = "Most MiB all connections that have not logged in may make the server buffer together (default 32).")
  int preLoginBudgetMib = 32;

  @Option(names = "--tls-provider", paramLabel = "jdk|openssl",
      description = "TLS implementation: the JDK's (default) or OpenSSL (BoringSSL, netty-tcnative).")
  String tlsProvider;

  @Option(names = "--name", paramLabel = "NAME", description = "Server name reported in @@SERVERNAME (default tds-tls).")
  String serverName;

  @Mixin ServeAuthOptions auth = new ServeAuthOptions();

  /** Creates the options with their defaults. */
  public ServeOptions() {}
}
