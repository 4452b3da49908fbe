package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front certificate replaced while clients keep connecting: no connection fails, new ones get the new one. */
class GatewayCertificateReloadTest {

  static final char[] PASSWORD = "reload-test".toCharArray();
  static final int THREADS = 3;
  static final int CONNECTIONS_PER_THREAD = 15;

  @TempDir Path dir;

  /** Writes a PKCS12 file next to the target, then moves it over the target in one step. */
  static void writePkcs12(HeldCertificate cert, Path target) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", cert.certifiedKey().privateKey(), PASSWORD,
        cert.certifiedKey().chain().toArray(new Certificate[0]));
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ks.store(out, PASSWORD);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static X509Certificate presented(TdsSession s) {
    return s.report().tls().orElseThrow().peerCertificates().get(0);
  }

  @Test
  void replacingTheFrontCertificateUnderLoadFailsNoConnection() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    HeldCertificate replacement = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
        .addIpAddress("127.0.0.1").serverAuth().signedBy(f.ca).build();
    Path p12 = dir.resolve("front.p12");
    writePkcs12(f.server, p12);
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY)
            .frontTls(ServerTlsConfig.builder().pkcs12(p12, PASSWORD).build(), TlsProvider.JDK)
            .reloadCheckInterval(Duration.ofMillis(100)).build())) {
      AtomicInteger done = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread th = new Thread(() -> {
          for (int i = 0; i < CONNECTIONS_PER_THREAD; i++) {
            try (TdsSession s = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
              s.execute("SELECT 1");
            } catch (Exception e) {
              failures.add(e.toString());
            }
            done.incrementAndGet();
          }
        });
        th.start();
        threads.add(th);
      }
      while (done.get() < THREADS * CONNECTIONS_PER_THREAD / 3 && threads.stream().anyMatch(Thread::isAlive)) {
        Thread.sleep(20);
      }
      writePkcs12(replacement, p12);
      for (Thread th : threads) {
        th.join(120_000);
      }
      assertThat(failures).as("connections that failed while the certificate was replaced").isEmpty();
      assertThat(done.get()).isEqualTo(THREADS * CONNECTIONS_PER_THREAD);
      X509Certificate now = null;
      for (int i = 0; i < 100; i++) {
        try (TdsSession s = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
          now = presented(s);
        }
        if (now.equals(replacement.certificate())) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(now).as("the certificate new connections get").isEqualTo(replacement.certificate());
    }
  }
}
