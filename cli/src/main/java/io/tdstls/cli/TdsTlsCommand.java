package io.tdstls.cli;

import io.tdstls.cli.connect.ConnectCommand;
import io.tdstls.cli.demo.DemoCommand;
import io.tdstls.cli.serve.HashPasswordCommand;
import io.tdstls.cli.gateway.GatewayCommand;
import io.tdstls.cli.serve.ServeCommand;
import io.tdstls.cli.version.VersionCommand;
import io.tdstls.cli.version.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code tds-tls} command; it only dispatches to its subcommands. */
@Command(name = "tds-tls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Secure connections over TDS (the SQL Server wire protocol): TDS 7.x encryption inside"
        + " PRELOGIN (login-only or full) and TDS 8.0 strict (TLS first).",
    subcommands = {DemoCommand.class, ConnectCommand.class, ServeCommand.class, GatewayCommand.class, ProbeCommand.class,
        HashPasswordCommand.class, VersionCommand.class},
    footer = {"", "Examples:",
        "  tds-tls demo                  every client mode against every server policy, on loopback",
        "  tds-tls serve --port 14330    a diagnostic endpoint with a generated certificate",
        "  tds-tls gateway --listen 127.0.0.1:14331 --backend 127.0.0.1:14330 --backend-ca-file ca.pem",
        "  tds-tls connect -H db.example.com -U app --encrypt strict -Q \"SELECT @@VERSION\"",
        "  tds-tls --version             the tool version and the TLS capabilities of this Java",
        "", "Exit codes: 0 success; 1 failure or finding; 2 usage error; connect: 3-12 by error kind"
            + " (see tds-tls connect --help)."})
public final class TdsTlsCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Creates the command. */
  public TdsTlsCommand() {}

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: demo, connect, serve, gateway, probe, hash-password or version");
  }
}
