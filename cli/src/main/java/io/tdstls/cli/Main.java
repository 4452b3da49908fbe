package io.tdstls.cli;

import picocli.CommandLine;

/**
 * The {@code tds-tls} command's entry point.
 *
 * <pre>
 * java -jar cli/target/tds-tls.jar demo
 * java -jar cli/target/tds-tls.jar --help
 * </pre>
 *
 * <p>Exit codes are listed in {@link ExitCode}.
 */
public final class Main {

  /** The width of {@code --help} text, in columns. */
  static final int USAGE_WIDTH = 110;

  private Main() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command without exiting.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Returns the configured command line: usage errors exit with {@link ExitCode#USAGE},
   * unexpected exceptions with {@link ExitCode#FAILURE}.
   *
   * @return the command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TdsTlsCommand());
    cl.setUsageHelpWidth(USAGE_WIDTH);
    cl.setExitCodeExceptionMapper(e -> ExitCode.FAILURE.code());
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println("tds-tls: " + e.getMessage());
      failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE.code();
    });
    cl.setExecutionExceptionHandler((e, failed, parseResult) -> {
      if (e instanceof io.tdstls.error.TdsConfigException) {
        failed.getErr().println("tds-tls: " + e.getMessage());
        return ExitCode.USAGE.code();
      }
      failed.getErr().println("tds-tls: " + e);
      return ExitCode.FAILURE.code();
    });
    return cl;
  }
}
