package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code nmap --script ssl-enum-ciphers} (Debian package {@code nmap}) on one loopback port.
 * With {@code msSql}, a private {@code nmap-services} (through {@code --datadir}) names the port
 * ms-sql-s, so nmap wraps TLS in TDS PRELOGIN as it does for SQL Server.
 */
final class Nmap {

  private static final Pattern SUITE = Pattern.compile("\\|\\s+((?:TLS|SSL)_[A-Z0-9_]+) \\(");

  private Nmap() {}

  /** The output of ssl-enum-ciphers. */
  static String sslEnumCiphers(int port, boolean msSql, Path dir) throws Exception {
    Files.writeString(dir.resolve("nmap-services"), (msSql ? "ms-sql-s" : "https") + "\t" + port + "/tcp\t0.5\n");
    Process p;
    try {
      p = new ProcessBuilder("nmap", "-Pn", "-n", "--datadir", dir.toString(), "-p", String.valueOf(port),
          "--script", "ssl-enum-ciphers", "127.0.0.1").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("this test needs nmap: apt-get install nmap (listed in .ci/debian-packages)", e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("nmap finished").isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The suite names nmap listed, TLS 1.3 ones under their IANA names (nmap says TLS_AKE_WITH_...). */
  static Set<String> suites(String output) {
    return new LinkedHashSet<>(listed(output));
  }

  /** The suite names in nmap's order: by version, then as listed (the server's order when it has one). */
  static List<String> listed(String output) {
    List<String> out = new java.util.ArrayList<>();
    Matcher m = SUITE.matcher(output);
    while (m.find()) {
      out.add(m.group(1).replace("TLS_AKE_WITH_", "TLS_"));
    }
    return out;
  }
}
