package io.tdstls.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jTDS 1.3.1 (Maven Central), one JVM per run so that {@code ssl=authenticate} can be given our CA. */
final class JtdsRunner {

  private static final Pattern OK = Pattern.compile("(?m)^encrypt_option=(TRUE|FALSE)$");
  private static final Pattern ERROR = Pattern.compile("(?m)^error=(.*)$");

  private JtdsRunner() {}

  static ClientRun run(InteropServer s, String mode) throws Exception {
    String ssl = mode.replace("ssl=", "");
    String url = "jdbc:jtds:sqlserver://localhost:" + s.port() + "/master;ssl=" + ssl + ";loginTimeout=15;socketTimeout=30";
    String classPath = location(net.sourceforge.jtds.jdbc.Driver.class) + java.io.File.pathSeparator + location(JtdsMain.class);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Processes.Result r = Processes.run(List.of(java, "-Djavax.net.ssl.trustStore=" + s.trustStore,
        "-Djavax.net.ssl.trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-cp", classPath, JtdsMain.class.getName(), url, InteropServer.USER, InteropServer.PASSWORD), null, null, Map.of());
    Matcher ok = OK.matcher(r.output());
    if (ok.find()) {
      return ClientRun.ok(ok.group(1));
    }
    Matcher err = ERROR.matcher(r.output());
    return ClientRun.failed(err.find() ? err.group(1) : r.output());
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
