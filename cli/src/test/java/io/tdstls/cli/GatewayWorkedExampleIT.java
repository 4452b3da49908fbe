package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's worked example of the gateway, run as a user runs it: {@code
 * docs/gateway-example/run.sh} with the real jar, {@code openssl} and {@code curl}, on free ports.
 * The script checks each step itself (a certificate login mapped to the held SQL login, password
 * logins to the strict backend, a foreign and an unmapped certificate refused, a hot reload and a
 * rejected one, the metrics, the audit lines, SIGTERM) and exits 1 naming the step that failed;
 * this test asserts its exit code and the lines a reader of the README is shown.
 */
class GatewayWorkedExampleIT {

  @TempDir Path dir;

  @Test
  void theWorkedExampleRunsAsTheReadmeShowsIt() throws Exception {
    Path script = Path.of(System.getProperty("tdstls.docs", "../docs")).resolve("gateway-example/run.sh");
    assertThat(script).as("the worked example's script").isRegularFile();
    for (String tool : new String[] {"openssl", "curl", "bash"}) {
      assertThat(onPath(tool)).as(tool + " is needed by the worked example: apt-get install " + tool).isTrue();
    }
    List<String> command = List.of("bash", script.toString(), dir.resolve("work").toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("run.out").toFile());
    pb.environment().put("TDS_TLS_JAR", Tool.jar().toString());
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
        + System.getenv("PATH"));
    int[] ports = freePorts(4);
    pb.environment().put("GATEWAY_PORT", Integer.toString(ports[0]));
    pb.environment().put("REPORTING_PORT", Integer.toString(ports[1]));
    pb.environment().put("MAIN_PORT", Integer.toString(ports[2]));
    pb.environment().put("METRICS_PORT", Integer.toString(ports[3]));
    pb.environment().remove("TDS_PASSWORD");
    Process p = pb.start();
    try {
      if (!p.waitFor(240, TimeUnit.SECONDS)) {
        fail("run.sh did not finish within 240 s; output so far:%n%s", Files.readString(dir.resolve("run.out")));
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("run.out"));
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("run.sh: all steps passed")
        // the certificate login reached the TDS 7.x backend as the held login
        .containsPattern("(?m)^  report_reader +tds-tls +master$")
        .containsPattern("(?m)^  login_tds_version +0x74000004 \\(7\\.4\\)")
        // the refusals, as the client shows them
        .contains("The client certificate 'CN=batch-job,O=Example' is not mapped to a login here")
        .contains("configuration reloaded from gateway.yaml")
        .contains("configuration reload rejected, the running configuration stays: gateway.yaml line 31 column 7:"
            + " routes[0].backend.port: invalid value '70000'")
        .containsPattern("(?m)^tdstls_gateway_connections_total\\{listener=\"gateway\",route=\"reporting\"} 3\\.0$")
        .containsPattern("(?m)^tdstls_gateway_connections_total\\{listener=\"gateway\",route=\"main\"} 2\\.0$")
        .contains("GET /health: ok")
        .contains("\"login_identity\":\"subject:CN=report-runner,O=Example\"")
        .contains("tds-tls gateway: stopped");
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static int[] freePorts(int count) throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }
}
