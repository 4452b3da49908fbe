package io.tdstls.cli;

import io.tdstls.cli.version.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code tds-tls probe}, which is built separately; it exits with a usage error. */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Probe TDS endpoints for their encryption settings (not built yet).")
public final class ProbeCommand implements Callable<Integer> {

  /** Creates the command. */
  public ProbeCommand() {}

  @Override
  public Integer call() {
    System.err.println("tds-tls probe: not built yet");
    return ExitCode.USAGE.code();
  }
}
