package io.tdstls.cli.demo;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.SessionReport;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs the demo: one diagnostic endpoint per {@link DemoPolicy} on 127.0.0.1 with a freshly
 * generated certificate, and our client against each in every {@link EncryptMode}.
 *
 * <pre>{@code
 * DemoResult result = new DemoRunner(DemoTrust.PIN).run();
 * result.rows().forEach(r -> System.out.println(r.mode() + " " + r.policy() + " " + r.outcome()));
 * }</pre>
 */
public final class DemoRunner {

  /** The SQL login the demo's endpoints accept. */
  public static final String USER = "demo";
  /** The time each connection has to log in. */
  public static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

  private static final String HOST = "127.0.0.1";

  private final DemoTrust trust;
  private final String password;

  /**
   * Creates a runner.
   *
   * @param trust how the client trusts the generated certificate
   */
  public DemoRunner(DemoTrust trust) {
    this.trust = trust;
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    this.password = HexFormat.of().formatHex(random);
  }

  /**
   * Generates the certificates, starts the endpoints, runs every connection, and stops the
   * endpoints.
   *
   * @return the certificate facts and one row per policy and mode
   * @throws InterruptedException if interrupted while starting or stopping an endpoint
   * @throws UncheckedIOException if the temporary CA file cannot be written
   */
  public DemoResult run() throws InterruptedException {
    HeldCertificate ca = HeldCertificate.builder().commonName("tds-tls demo CA").certificateAuthority(0).build();
    HeldCertificate server = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
        .addIpAddress(HOST).serverAuth().signedBy(ca).build();
    Path caFile = trust == DemoTrust.CA_FILE ? writeTemporary(ca.certificatePem()) : null;
    Map<DemoPolicy, TdsServer> servers = new EnumMap<>(DemoPolicy.class);
    try {
      for (DemoPolicy policy : DemoPolicy.values()) {
        servers.put(policy, start(policy, server));
      }
      List<DemoRow> rows = new ArrayList<>();
      for (DemoPolicy policy : DemoPolicy.values()) {
        for (EncryptMode mode : EncryptMode.values()) {
          TlsConfig.Builder tls = TlsConfig.builder().mode(mode);
          if (caFile != null) {
            tls.caFile(caFile);
          } else {
            tls.serverCertificateSha256(server.sha256Fingerprint().bytes());
          }
          rows.add(connect(mode, policy, servers.get(policy).port(), tls.build()));
        }
      }
      return new DemoResult(server.certificate().getSubjectX500Principal().getName(),
          server.sha256Fingerprint().toString(), trust, rows);
    } finally {
      servers.values().forEach(TdsServer::close);
      if (caFile != null) {
        caFile.toFile().delete();
      }
    }
  }

  private TdsServer start(DemoPolicy policy, HeldCertificate certificate) throws InterruptedException {
    ServerConfig.Builder b = ServerConfig.builder().host(HOST).port(0).policy(policy.serverPolicy())
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, password)),
            policy.serverPolicy().strict(), "tds-tls-demo-" + policy.label()));
    if (policy.usesTls()) {
      ServerEngineFactory engines = new ServerEngineFactory(
          ServerTlsConfig.builder().certifiedKey(certificate.certifiedKey()).build());
      b.engines(engines::newEngine);
    }
    return TdsServer.start(b.build());
  }

  private DemoRow connect(EncryptMode mode, DemoPolicy policy, int port, TlsConfig tls) {
    ConnectionConfig config = ConnectionConfig.builder().host(HOST).port(port).user(USER)
        .password(password.toCharArray()).connectTimeout(LOGIN_TIMEOUT).loginTimeout(LOGIN_TIMEOUT).tls(tls).build();
    long start = System.nanoTime();
    try (TdsSession session = TdsClient.connect(config)) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      SessionReport report = session.report();
      TlsInfo info = report.tls().orElse(null);
      return new DemoRow(mode, policy, report.outcome().label(), null, null,
          info == null ? null : info.protocol(), info == null ? null : info.cipherSuite(), millis);
    } catch (TdsException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new DemoRow(mode, policy, DemoRow.REFUSED, e.kind(), firstLine(e.getMessage()), null, null, millis);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static Path writeTemporary(String pem) {
    try {
      Path file = Files.createTempFile("tds-tls-demo-ca", ".pem");
      file.toFile().deleteOnExit();
      return Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo CA file to the temporary directory", e);
    }
  }
}
