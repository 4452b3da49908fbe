package io.tdstls.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.cli.serve.FrontOptions;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.config.ConfigWatcher;
import io.tdstls.config.TdsTlsConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway --config}'s hot reload, in-process: the file is rewritten while client threads
 * connect and query without pause. New connections follow the new routes, none fails, and an
 * invalid file is logged with its key and line while the running routes stay.
 */
class GatewayConfigReloadTest {

  static final String USER = "app";
  static final String PASSWORD = "Reload-pw-1";

  @TempDir Path dir;
  HeldCertificate ca;
  Path caFile;
  TdsServer a;
  TdsServer b;
  final List<String> logged = new CopyOnWriteArrayList<>();
  /** Held here: java.util.logging keeps loggers only weakly, and a collected one loses its handler. */
  final Logger configLog = Logger.getLogger("tds-tls.config");
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(new java.util.logging.SimpleFormatter().formatMessage(r));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void backends() throws Exception {
    ca = HeldCertificate.builder().commonName("reload test CA").certificateAuthority(0).build();
    caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    a = backend("backend-a");
    b = backend("backend-b");
    configLog.addHandler(capture);
  }

  @AfterEach
  void stop() {
    configLog.removeHandler(capture);
    a.close();
    b.close();
  }

  TdsServer backend(String name) throws Exception {
    HeldCertificate cert = HeldCertificate.builder().commonName("localhost").addIpAddress("127.0.0.1")
        .serverAuth().signedBy(ca).build();
    return TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .maxConnections(500)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), StrictPolicy.DISABLED,
            name))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey())
            .maxProtocolVersion(TlsVersion.TLS_1_2).build()))
        .build());
  }

  /** A file whose default route goes to the given backend; the listener is fixed once bound. */
  String yaml(int listenPort, TdsServer backend) {
    return "listener:\n  port: " + listenPort + "\n  cert-dir: " + dir + "\n"
        + "reload-interval: 100ms\n"
        + "routes:\n"
        + "  - name: r" + backend.port() + "\n"
        + "    match: { default: true }\n"
        + "    backend:\n      host: 127.0.0.1\n      port: " + backend.port() + "\n"
        + "      tls: { encrypt: mandatory, ca-file: " + caFile + ", tls-max: \"1.2\" }\n";
  }

  /** Replaces the file at once, as an editor or a config-management tool does. */
  void write(Path file, String text) throws Exception {
    Path tmp = Files.writeString(dir.resolve("next.yaml"), text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String serverName(TdsSession s) throws Exception {
    return String.valueOf(s.execute("SELECT @@SERVERNAME").firstTable().rows().get(0).get(0));
  }

  @Test
  void reloadUnderLoadLosesNoConnectionAndAnInvalidFileKeepsTheRunningRoutes() throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml(0, a));
    GatewaySetup.Flags flags = new GatewaySetup.Flags(null, null, new FrontOptions(), new BackendOptions(), null);
    TdsTlsConfig initial = TdsTlsConfig.load(file);
    GatewaySetup[] running = {GatewaySetup.of(flags, initial, null)};
    try (TdsGateway gateway = TdsGateway.start(running[0].config());
        ConfigWatcher watcher = ConfigWatcher.manual(initial, next -> {
          GatewaySetup s = GatewaySetup.of(flags, next, running[0]);
          gateway.reconfigure(s.config());
          running[0] = s;
        })) {
      int port = gateway.port();
      ConnectionConfig client = ConnectionConfig.builder().host("127.0.0.1").port(port).user(USER)
          .password(PASSWORD.toCharArray()).tls(TlsConfig.builder().mode(EncryptMode.STRICT)
              .serverCertificateSha256(running[0].front().certificate().sha256().toString()).build()).build();
      AtomicBoolean go = new AtomicBoolean(true);
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      Map<String, AtomicInteger> byBackend = new ConcurrentHashMap<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t = new Thread(() -> {
          while (go.get()) {
            try (TdsSession s = TdsClient.connect(client)) {
              byBackend.computeIfAbsent(serverName(s), k -> new AtomicInteger()).incrementAndGet();
              s.execute("SELECT 1");
              ok.incrementAndGet();
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
        }, "reload-client-" + i);
        t.start();
        threads.add(t);
      }
      TdsServer[] order = {b, a, b, a, b};
      for (TdsServer next : order) {
        int before = ok.get();
        write(file, yaml(port, next));
        assertThat(watcher.check()).isEqualTo(ConfigWatcher.Result.APPLIED);
        int target = next == a ? 1 : 2;
        awaitProgress(ok, before + 25);
        try (TdsSession s = TdsClient.connect(client)) {
          assertThat(serverName(s)).as("a new connection after reload " + target).isEqualTo(next == a
              ? "backend-a" : "backend-b");
        }
      }
      // an invalid file: rejected with its key and line, the running routes (to b) stay
      write(file, yaml(port, b).replace("encrypt: mandatory", "encrypt: sometimes"));
      assertThat(watcher.check()).isEqualTo(ConfigWatcher.Result.REJECTED);
      assertThat(logged).anySatisfy(line -> assertThat(line).contains("configuration reload rejected")
          .contains("gateway.yaml line 11 column 14: routes[0].backend.tls.encrypt: invalid encryption mode 'sometimes'"));
      int before = ok.get();
      awaitProgress(ok, before + 25);
      go.set(false);
      for (Thread t : threads) {
        t.join(30_000);
      }
      try (TdsSession s = TdsClient.connect(client)) {
        assertThat(serverName(s)).as("after the invalid reload").isEqualTo("backend-b");
      }
      assertThat(failures).as("failed connections during reloads").isEmpty();
      assertThat(ok.get()).isGreaterThan(150);
      assertThat(byBackend).containsKeys("backend-a", "backend-b");
      System.out.println("reload under load: " + ok.get() + " sessions, 0 failed, by backend " + byBackend);
    }
  }

  @Test
  void aFileWithRoutesRefusesBackendFlags() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml(0, a));
    GatewaySetup.Flags flags = new GatewaySetup.Flags(null, "127.0.0.1:1", new FrontOptions(), new BackendOptions(),
        null);
    assertThatThrownBy(() -> GatewaySetup.of(flags, TdsTlsConfig.load(file), null))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("cannot be combined with --config");
  }

  static void awaitProgress(AtomicInteger ok, int target) throws InterruptedException {
    for (int i = 0; i < 600 && ok.get() < target; i++) {
      Thread.sleep(50);
    }
    assertThat(ok.get()).as("sessions completed").isGreaterThanOrEqualTo(target);
  }
}
