package io.tdstls.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MIT Kerberos KDC for tests (Debian packages krb5-kdc, krb5-admin-server, krb5-user),
 * started on loopback on a free port with a throwaway realm in a temporary directory: {@code
 * kdb5_util create -s}, principals and keytabs with {@code kadmin.local}, then {@code krb5kdc -n}.
 * KRB5_CONFIG and KRB5_KDC_PROFILE point the MIT tools at the temporary files; the JVM reads the
 * same krb5.conf through {@code java.security.krb5.conf}. A missing package fails with the
 * apt-get line, never a skip.
 */
final class KdcFixture implements AutoCloseable {

  static final String REALM = "TDSTLS.TEST";
  static final String INSTALL = "apt-get install krb5-kdc krb5-admin-server krb5-user";

  final Path dir;
  final int port;
  final Path krb5Conf;
  final Map<String, String> env;
  private final Process kdc;

  private KdcFixture(Path dir, int port, Path krb5Conf, Map<String, String> env, Process kdc) {
    this.dir = dir;
    this.port = port;
    this.krb5Conf = krb5Conf;
    this.env = env;
    this.kdc = kdc;
  }

  static KdcFixture start(Path dir) throws Exception {
    for (String tool : List.of("krb5kdc", "kdb5_util", "kadmin.local", "kinit")) {
      if (which(tool) == null) {
        throw new AssertionError(tool + " is required by the Kerberos tests but is not installed: " + INSTALL);
      }
    }
    int port = freePort();
    Path krb5Conf = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n"
        + "  default_realm = " + REALM + "\n  dns_lookup_kdc = false\n  dns_lookup_realm = false\n"
        + "  rdns = false\n  dns_canonicalize_hostname = false\n  udp_preference_limit = 1\n"
        + "  ticket_lifetime = 1h\n  forwardable = false\n"
        + "[realms]\n  " + REALM + " = {\n    kdc = 127.0.0.1:" + port + "\n  }\n"
        + "[domain_realm]\n  localhost = " + REALM + "\n");
    Path kdcConf = Files.writeString(dir.resolve("kdc.conf"), "[kdcdefaults]\n  kdc_ports = " + port
        + "\n  kdc_tcp_ports = " + port + "\n"
        + "[realms]\n  " + REALM + " = {\n    database_name = " + dir.resolve("principal") + "\n"
        + "    key_stash_file = " + dir.resolve("stash") + "\n    acl_file = " + dir.resolve("kadm5.acl") + "\n"
        + "    kdc_listen = 127.0.0.1:" + port + "\n    kdc_tcp_listen = 127.0.0.1:" + port + "\n"
        + "    max_life = 1h\n    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal\n"
        + "  }\n[logging]\n  kdc = FILE:" + dir.resolve("kdc.log") + "\n");
    Files.writeString(dir.resolve("kadm5.acl"), "");
    Map<String, String> env = Map.of("KRB5_CONFIG", krb5Conf.toString(), "KRB5_KDC_PROFILE", kdcConf.toString(),
        "KRB5CCNAME", "FILE:" + dir.resolve("ccache"), "KRB5RCACHETYPE", "none");
    check(Processes.run(List.of(tool("kdb5_util"), "create", "-s", "-r", REALM, "-P", "tds-tls-master-" + port),
        null, dir, env), "kdb5_util create");
    ProcessBuilder pb = new ProcessBuilder(tool("krb5kdc"), "-n", "-r", REALM).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("krb5kdc.out").toFile());
    pb.environment().putAll(env);
    Process kdc = pb.start();
    KdcFixture f = new KdcFixture(dir, port, krb5Conf, env, kdc);
    f.awaitListening();
    return f;
  }

  /** Adds a principal with a random key and writes its keytab. */
  Path servicePrincipal(String name) throws Exception {
    kadmin("addprinc -randkey " + name);
    Path keytab = dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_") + ".keytab");
    kadmin("ktadd -k " + keytab + " " + name);
    return keytab;
  }

  /** Gives an existing principal a new random key and writes a fresh keytab (older keytabs go stale). */
  Path servicePrincipalRekeyed(String name) throws Exception {
    Path keytab = dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_") + "-current.keytab");
    kadmin("ktadd -k " + keytab + " " + name);
    return keytab;
  }

  /** Adds a user with a password, and a keytab holding the same key (for kinit -kt and JAAS). */
  Path user(String name, String password) throws Exception {
    kadmin("addprinc -pw " + password + " " + name);
    Path keytab = dir.resolve(name + ".keytab");
    kadmin("ktadd -norandkey -k " + keytab + " " + name);
    return keytab;
  }

  /** Gets a ticket into this fixture's credential cache ({@code KRB5CCNAME}). */
  void kinit(String principal, Path keytab) throws Exception {
    check(Processes.run(List.of(tool("kinit"), "-kt", keytab.toString(), principal), null, dir, env), "kinit");
  }

  /** Gets a ticket with a short lifetime ({@code kinit -l}) into a credential cache of its own. */
  Path kinitShortLived(String principal, Path keytab, int seconds, String cacheName) throws Exception {
    Path cache = dir.resolve(cacheName);
    check(Processes.run(List.of(tool("kinit"), "-l", seconds + "s", "-c", "FILE:" + cache, "-kt", keytab.toString(),
        principal), null, dir, env), "kinit -l " + seconds + "s");
    return cache;
  }

  private void kadmin(String query) throws Exception {
    check(Processes.run(List.of(tool("kadmin.local"), "-r", REALM, "-q", query), null, dir, env), "kadmin.local " + query);
  }

  private static void check(Processes.Result r, String what) {
    if (r.exitCode() != 0) {
      throw new AssertionError(what + " failed (exit " + r.exitCode() + "): " + r.output());
    }
  }

  private void awaitListening() throws Exception {
    for (int i = 0; i < 100; i++) {
      if (!kdc.isAlive()) {
        throw new AssertionError("krb5kdc exited (" + kdc.exitValue() + "): "
            + Files.readString(dir.resolve("krb5kdc.out")) + readLog());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("krb5kdc did not listen on 127.0.0.1:" + port + " within 10 s: " + readLog());
  }

  private String readLog() throws IOException {
    Path log = dir.resolve("kdc.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static int freeTcpPort() throws IOException {
    return freePort();
  }

  private static String tool(String name) {
    return which(name).toString();
  }

  private static Path which(String tool) {
    for (String d : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String path = System.getenv("PATH");
    for (String d : path == null ? new String[0] : path.split(":")) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    kdc.destroy();
    if (!kdc.waitFor(5, TimeUnit.SECONDS)) {
      kdc.destroyForcibly();
    }
  }
}
