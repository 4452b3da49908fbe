package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional mode behaves like the drivers users know: a login-only session does not validate the
 * server certificate unless trust was configured (then it does); full encryption always validates.
 */
class OptionalModeTest {

  @TempDir static Path dir;
  static Pki pki;
  static HeldCertificate selfSigned;

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Logger tlsLog = Logger.getLogger("io.tdstls.tls");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters() == null ? new Object[0] : r.getParameters()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void generate() {
    pki = new Pki(dir);
    // A server certificate nobody signed, as a Babelfish server typically has.
    selfSigned = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").serverAuth().build();
  }

  @BeforeEach
  void captureWarnings() {
    tlsLog.addHandler(capture);
  }

  @AfterEach
  void release() {
    tlsLog.removeHandler(capture);
  }

  private static TdsServer server(ServerEncryption encryption) throws Exception {
    return LoopbackServer.start(pki.serverTls(selfSigned), encryption, StrictPolicy.ALLOWED);
  }

  @Test
  void aSelfSignedServerWithoutConfiguredTrustLogsInWithTheWarning() throws Exception {
    try (TdsServer server = server(ServerEncryption.AVAILABLE);
        TdsSession s = TdsClient.connect(LoopbackTlsTest.config(server.port(),
            TlsConfig.builder().mode(EncryptMode.OPTIONAL).build()))) {
      assertThat(s.report().outcome()).isEqualTo(Outcome.LOGIN_ONLY);
      assertThat(s.report().certificateValidated()).isFalse();
      assertThat(s.report().describe()).contains("certificate not validated (optional mode)");
      assertThat(s.execute(LoopbackTlsTest.VERIFY).firstTable().rows()).containsExactly(List.of("FALSE", "TSQL", "SQL"));
    }
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("certificate not validated (optional mode)"));
  }

  @Test
  void configuredTrustIsValidatedInLoginOnlyToo() throws Exception {
    Path other = pki.write("not-the-issuer.pem", pki.otherCa.certificatePem());
    try (TdsServer server = server(ServerEncryption.AVAILABLE)) {
      assertThatThrownBy(() -> TdsClient.connect(LoopbackTlsTest.config(server.port(),
          TlsConfig.builder().mode(EncryptMode.OPTIONAL).caFile(other).build())))
          .isInstanceOf(CertificateInvalidException.class);
    }
    assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("optional mode"));
  }

  @Test
  void aMatchingCaIsReportedAsValidated() throws Exception {
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED);
        TdsSession s = TdsClient.connect(LoopbackTlsTest.config(server.port(),
            TlsConfig.builder().mode(EncryptMode.OPTIONAL).caFile(pki.caFile()).build()))) {
      assertThat(s.report().outcome()).isEqualTo(Outcome.LOGIN_ONLY);
      assertThat(s.report().certificateValidated()).isTrue();
      assertThat(s.report().describe()).doesNotContain("not validated");
    }
  }

  @Test
  void fullEncryptionInOptionalModeStillValidates() throws Exception {
    try (TdsServer server = server(ServerEncryption.FORCED)) {
      assertThatThrownBy(() -> TdsClient.connect(LoopbackTlsTest.config(server.port(),
          TlsConfig.builder().mode(EncryptMode.OPTIONAL).build())))
          .isInstanceOf(CertificateInvalidException.class);
    }
  }

  @Test
  void mandatoryAlwaysValidates() throws Exception {
    try (TdsServer server = server(ServerEncryption.AVAILABLE)) {
      assertThatThrownBy(() -> TdsClient.connect(LoopbackTlsTest.config(server.port(),
          TlsConfig.builder().mode(EncryptMode.MANDATORY).build())))
          .isInstanceOf(CertificateInvalidException.class);
    }
  }
}
