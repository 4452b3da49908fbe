package io.tdstls.cli.serve;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code serve}; {@link ServeSetup} turns them into a server configuration. The
 * certificate, policy and limit flags are {@link FrontOptions}, shared with {@code gateway}.
 */
public final class ServeOptions {

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default 1433; 0 picks a free one).")
  int port = 1433;

  @Mixin FrontOptions front = new FrontOptions();

  @Option(names = "--user", paramLabel = "NAME:PASSWORD",
      description = "A login the endpoint accepts (repeatable). Without one, a user 'tds' with a random password"
          + " is created and printed.")
  List<String> users = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME", description = "Server name reported in @@SERVERNAME (default tds-tls).")
  String serverName = "tds-tls";

  /** Creates the options with their defaults. */
  public ServeOptions() {}
}
