package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code openssl s_server} (Debian package {@code openssl}) on an ephemeral loopback port with
 * every suite OpenSSL has ({@code ALL:COMPLEMENTOFALL:@SECLEVEL=0}), TLS 1.0 to 1.3, the weak
 * material of {@link WeakMaterial}. Fails, never skips, when openssl is missing.
 */
final class OpensslServer implements AutoCloseable {

  private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)");

  private final Process process;
  private final int port;

  OpensslServer(Path dir) throws Exception {
    WeakMaterial.write(dir);
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
        "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
        "-dhparam", dir.resolve("dh1024.pem").toString(), "-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"));
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("this test needs openssl: apt-get install openssl (listed in .ci/debian-packages)", e);
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    int found = -1;
    String line;
    while (found < 0 && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = ACCEPT.matcher(line);
      if (m.find()) {
        found = Integer.parseInt(m.group(1));
      }
    }
    assertThat(found).as("openssl s_server did not start:\n" + seen).isPositive();
    port = found;
    Thread drain = new Thread(() -> {
      try {
        out.transferTo(java.io.Writer.nullWriter());
      } catch (IOException e) {
        // stopped
      }
    }, "openssl-drain");
    drain.setDaemon(true);
    drain.start();
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
