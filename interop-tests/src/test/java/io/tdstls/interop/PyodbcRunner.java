package io.tdstls.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pyodbc with FreeTDS's ODBC driver (Debian packages python3-pyodbc and tdsodbc), run by Debian's
 * own {@code /usr/bin/python3}, which is the one that has the packaged pyodbc (a pyenv or venv
 * python3 earlier on the PATH would not).
 */
final class PyodbcRunner {

  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path SCRIPT = Path.of("python", "run_query.py").toAbsolutePath();
  private static final String INSTALL = "apt-get install python3-pyodbc tdsodbc";
  private static final Pattern OK = Pattern.compile("(?m)^encrypt_option=(TRUE|FALSE)$");
  private static final Pattern ERROR = Pattern.compile("(?m)^error=(.*)$");

  private PyodbcRunner() {}

  static void requireInstalled() throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      throw new AssertionError("/usr/bin/python3 is required by the interop tests but is not installed: " + INSTALL);
    }
    Processes.Result r = Processes.run(List.of(PYTHON.toString(), "-c", "import pyodbc; print(pyodbc.drivers())"),
        null, null, Map.of());
    if (r.exitCode() != 0 || !r.output().contains("FreeTDS")) {
      throw new AssertionError("pyodbc with the FreeTDS ODBC driver is required by the interop tests but is not"
          + " installed (" + r.output().trim() + "): " + INSTALL);
    }
  }

  static ClientRun run(InteropServer s, String mode) throws Exception {
    String encryption = mode.replace("Encryption=", "");
    Processes.Result r = Processes.run(List.of(PYTHON.toString(), SCRIPT.toString(), Integer.toString(s.port()),
        InteropServer.USER, InteropServer.PASSWORD, encryption, InteropMatrixTest.VERIFY), null, null, Map.of());
    Matcher ok = OK.matcher(r.output());
    if (ok.find()) {
      return ClientRun.ok(ok.group(1));
    }
    Matcher err = ERROR.matcher(r.output());
    return ClientRun.failed(err.find() ? err.group(1) : r.output());
  }
}
