package io.tdstls.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** tedious (npm, pinned in interop-tests/node), run with the machine's Node.js. */
final class TediousRunner {

  static final Path NODE_DIR = Path.of("node").toAbsolutePath();
  private static final Pattern ROW = Pattern.compile("\"rows\":\\[\\[\"(TRUE|FALSE)\"");
  private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private TediousRunner() {}

  static void requireInstalled() {
    Processes.require("node", "install Node.js (Debian: apt-get install nodejs npm)");
    if (!Files.isDirectory(NODE_DIR.resolve("node_modules/tedious"))) {
      throw new AssertionError("tedious is required by the interop tests but is not installed: run `npm ci` in "
          + NODE_DIR + " (.ci/run does)");
    }
  }

  /** Logs in with {@code authentication: azure-active-directory-access-token} and runs a query. */
  static Processes.Result runWithToken(InteropServer s, String token, String query) throws Exception {
    String config = "{\"host\":\"localhost\",\"port\":" + s.port() + ",\"encrypt\":true,\"ca\":\"" + s.caPem
        + "\",\"token\":\"" + token + "\",\"query\":\"" + query + "\"}";
    return Processes.run(List.of("node", "run-query.js", config), null, NODE_DIR, Map.of());
  }

  static ClientRun run(InteropServer s, String mode) throws Exception {
    String encrypt;
    String extra = "";
    switch (mode) {
      case "encrypt: false":
        encrypt = "false";
        extra = ",\"trustServerCertificate\":true";
        break;
      case "encrypt: true":
        encrypt = "true";
        extra = ",\"ca\":\"" + s.caPem + "\"";
        break;
      case "encrypt: true, execSql (RPC)":
        encrypt = "true";
        extra = ",\"ca\":\"" + s.caPem + "\",\"rpc\":true";
        break;
      case "encrypt: 'strict'":
        encrypt = "\"strict\"";
        extra = ",\"ca\":\"" + s.caPem + "\"";
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
    String config = "{\"host\":\"localhost\",\"port\":" + s.port() + ",\"user\":\"" + InteropServer.USER
        + "\",\"password\":\"" + InteropServer.PASSWORD + "\",\"encrypt\":" + encrypt + extra
        + ",\"query\":\"" + InteropMatrixTest.VERIFY + "\"}";
    Processes.Result r = Processes.run(List.of("node", "run-query.js", config), null, NODE_DIR, Map.of());
    Matcher row = ROW.matcher(r.output());
    if (r.output().contains("\"ok\":true") && row.find()) {
      return ClientRun.ok(row.group(1));
    }
    Matcher err = ERROR.matcher(r.output());
    return ClientRun.failed(err.find() ? err.group(1) : r.output());
  }
}
