package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.interop.InteropServer.Policy;
import io.tdstls.protocol.encryption.ServerEncryption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian's FreeTDS ODBC driver through pyodbc → tds-tls gateway (encryption forced) → our
 * endpoint as a TDS 7.x-only backend: {@code Encryption=off} is refused by the front, request and
 * require log in and the backend reports an encrypted connection.
 */
class GatewayPyodbcTest {

  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path DRIVER = Path.of("/usr/lib/x86_64-linux-gnu/odbc/libtdsodbc.so");
  static final String SCRIPT = String.join("\n",
      "import sys, pyodbc",
      "try:",
      "    c = pyodbc.connect(sys.argv[1], timeout=15, autocommit=True)",
      "    print('ROW', c.cursor().execute(sys.argv[2]).fetchone()[0])",
      "except Exception as e:",
      "    print('ERROR', e)");

  @TempDir static Path dir;

  @BeforeAll
  static void installed() throws Exception {
    if (!Files.isRegularFile(DRIVER)) {
      throw new AssertionError("FreeTDS's ODBC driver is required: apt-get install tdsodbc (" + DRIVER + " is missing)");
    }
    Processes.Result r = Processes.run(List.of(PYTHON.toString(), "-c", "import pyodbc"), null, dir, Map.of());
    if (r.exitCode() != 0) {
      throw new AssertionError("pyodbc for " + PYTHON + " is required: apt-get install python3-pyodbc (" + r.output() + ")");
    }
  }

  @ParameterizedTest(name = "Encryption={0}")
  @CsvSource({"off, refused", "request, TRUE", "require, TRUE"})
  void pyodbcThroughTheGateway(String encryption, String expected) throws Exception {
    try (InteropServer gateway = InteropServer.throughGateway(Policy.FORCED, ServerEncryption.FORCED, dir)) {
      String cs = "DRIVER=" + DRIVER + ";SERVER=127.0.0.1;PORT=" + gateway.port() + ";UID=" + InteropServer.USER
          + ";PWD=" + InteropServer.PASSWORD + ";TDS_Version=7.4;Encryption=" + encryption;
      Processes.Result r = Processes.run(List.of(PYTHON.toString(), "-c", SCRIPT, cs, InteropMatrixTest.VERIFY), null, dir,
          Map.of());
      if (expected.equals("refused")) {
        assertThat(r.output()).contains("ERROR").doesNotContain("ROW");
      } else {
        assertThat(r.output()).contains("ROW " + expected);
      }
    }
  }
}
