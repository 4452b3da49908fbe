package io.tdstls.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Log records as single lines. */
class ConsoleLoggingTest {

  @Test
  void oneLineWithParametersAndTheCauseButNoStackTrace() {
    LogRecord r = new LogRecord(Level.WARNING, "conn {0} from {1}: closed on error");
    r.setLoggerName("io.tdstls.server.TdsServer");
    r.setParameters(new Object[] {51, "/127.0.0.1:5000"});
    r.setThrown(new IOException("reset\\nby peer".replace("\\n", "\n")));
    String line = ConsoleLogging.format(r);
    assertThat(line.lines()).hasSize(1);
    assertThat(line).matches("^\\d{4}-\\d\\d-\\d\\dT\\S+Z WARNING TdsServer: conn 51 from /127.0.0.1:5000:"
        + " closed on error \\(IOException: reset by peer\\)\\R$");
  }
}
