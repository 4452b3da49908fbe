package io.tdstls.cli.serve;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.version.VersionProvider;
import io.tdstls.error.TdsConfigException;
import io.tdstls.server.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tds-tls hash-password}: reads a password from the console (twice) or from the first line
 * of standard input, never from the command line, and prints its PBKDF2 hash as a users-file line.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Hash a password for a users file (serve --users-file, users.file in --config).",
        "%nThe password is read from the console, or from the first line of standard input; never from the"
            + " command line. Prints NAME:pbkdf2-sha256$ITERATIONS$SALT$HASH (or the hash alone without --user)."},
    footer = {"", "Examples:",
        "  tds-tls hash-password --user alice >> users.txt",
        "  printf '%s\\n' \"$ALICE_PASSWORD\" | tds-tls hash-password --user alice >> users.txt",
        "", "Exit codes: 0 printed, 2 no password or a bad option."})
public final class HashPasswordCommand implements Callable<Integer> {

  @Option(names = "--user", paramLabel = "NAME", description = "Print a whole users-file line for this user.")
  String user;

  @Option(names = "--iterations", paramLabel = "N",
      description = "PBKDF2-HMAC-SHA256 iterations (default " + PasswordHash.DEFAULT_ITERATIONS + ").")
  int iterations = PasswordHash.DEFAULT_ITERATIONS;

  /** Creates the command. */
  public HashPasswordCommand() {}

  @Override
  public Integer call() throws IOException {
    if (user != null && (user.isEmpty() || user.contains(":"))) {
      throw new TdsConfigException("--user '" + user + "' cannot be empty or contain ':'");
    }
    char[] password = read();
    try {
      String hash = PasswordHash.create(password, iterations).toString();
      System.out.println(user == null ? hash : user + ":" + hash);
      return ExitCode.OK.code();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] read() throws IOException {
    Console console = System.console();
    char[] password;
    if (console != null) {
      password = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (password != null && !Arrays.equals(password, again)) {
        throw new TdsConfigException("the passwords differ: nothing printed");
      }
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? null : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      throw new TdsConfigException("no password: type it at the prompt, or give it on the first line of standard input");
    }
    return password;
  }
}
