package io.tdstls.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FreeTDS {@code tsql} (Debian package freetds-bin), with a freetds.conf written per run. */
final class TsqlRunner {

  private static final Pattern VALUE = Pattern.compile("(?m)^(TRUE|FALSE)\\b");

  private TsqlRunner() {}

  static void requireInstalled() {
    Processes.require("tsql", "install FreeTDS's tsql (Debian: apt-get install freetds-bin)");
  }

  static ClientRun run(InteropServer s, String mode, Path dir) throws Exception {
    String encryption = mode.replace("encryption = ", "");
    Path conf = dir.resolve("freetds-" + s.port() + "-" + encryption + ".conf");
    Files.writeString(conf, "[global]\n\ttds version = 7.4\n\n[target]\n\thost = 127.0.0.1\n\tport = " + s.port()
        + "\n\tencryption = " + encryption + "\n");
    Processes.Result r = Processes.run(
        List.of("tsql", "-S", "target", "-U", InteropServer.USER, "-P", InteropServer.PASSWORD),
        InteropMatrixTest.VERIFY + "\ngo\nexit\n", dir, Map.of("FREETDSCONF", conf.toString(), "TDSVER", "7.4"));
    Matcher m = VALUE.matcher(r.output());
    if (m.find()) {
      return ClientRun.ok(m.group(1));
    }
    String out = r.output().replaceAll("(?m)^locale .*$|^using default charset.*$|^Setting .*$", "").trim();
    return ClientRun.failed(out.isEmpty() ? "exit " + r.exitCode() : out);
  }
}
