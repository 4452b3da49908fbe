package io.tdstls.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code serve}; {@link ServeSetup} turns them into a server configuration. A flag
 * left out is {@code null} (or empty), so that a {@code --config} file's value, or else the default
 * in the description, applies: flags override the file. The certificate, policy and limit flags
 * are {@link FrontOptions}, shared with {@code gateway}.
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

  @Mixin FrontOptions front = new FrontOptions();

  @Option(names = "--user", paramLabel = "NAME:PASSWORD",
      description = "A login the endpoint accepts (repeatable). Without one, a user 'tds' with a random password"
          + " is created and printed.")
  List<String> users = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME", description = "Server name reported in @@SERVERNAME (default tds-tls).")
  String serverName;

  @Mixin ServeAuthOptions auth = new ServeAuthOptions();

  /** Creates the options with their defaults. */
  public ServeOptions() {}
}
