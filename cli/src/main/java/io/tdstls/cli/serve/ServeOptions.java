package io.tdstls.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code serve}; {@link ServeSetup} turns them into a server configuration. */
public final class ServeOptions {

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default 1433; 0 picks a free one).")
  int port = 1433;

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
  String encryption = "available";

  @Option(names = "--strict", paramLabel = "disabled|allowed|required",
      description = "TDS 8.0 strict connections (default allowed; disabled with --encryption not-supported).")
  String strict;

  @Option(names = "--client-cert-policy", paramLabel = "ms-tds|babelfish",
      description = "How a CLIENT_CERT ENCRYPTION byte is answered: as MS-TDS says (default), or closed as Babelfish does.")
  String clientCertPolicy = "ms-tds";

  @Option(names = "--client-ca", paramLabel = "FILE",
      description = "PEM CA file whose client certificates are required on the strict path (repeatable; mTLS).")
  List<Path> clientCas = new ArrayList<>();

  @Option(names = "--client-cert-mode", paramLabel = "required|optional",
      description = "With --client-ca: whether strict clients must present a certificate (default required).")
  String clientCertMode = "required";

  @Option(names = "--user", paramLabel = "NAME:PASSWORD",
      description = "A login the endpoint accepts (repeatable). Without one, a user 'tds' with a random password"
          + " is created and printed.")
  List<String> users = new ArrayList<>();

  @Option(names = "--login-timeout", paramLabel = "SECONDS", description = "Time from connect to login (default 30).")
  int loginTimeoutSeconds = 30;

  @Option(names = "--max-connections", paramLabel = "N", description = "Connections served at once (default 1000).")
  int maxConnections = 1000;

  @Option(names = "--pre-login-limit", paramLabel = "KIB",
      description = "Most KiB one connection may make the server buffer before its login is accepted (default 64; at least 4).")
  int preLoginLimitKib = 64;

  @Option(names = "--pre-login-budget", paramLabel = "MIB",
      description = "Most MiB all connections that have not logged in may make the server buffer together (default 32).")
  int preLoginBudgetMib = 32;

  @Option(names = "--tls-provider", paramLabel = "jdk|openssl",
      description = "TLS implementation: the JDK's (default) or OpenSSL (BoringSSL, netty-tcnative).")
  String tlsProvider = "jdk";

  @Option(names = "--name", paramLabel = "NAME", description = "Server name reported in @@SERVERNAME (default tds-tls).")
  String serverName = "tds-tls";

  /** Creates the options with their defaults. */
  public ServeOptions() {}
}
