package io.tdstls.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The error hierarchy: one kind per subclass, messages that say what is wrong, advice lines. */
class TdsExceptionTest {

  private static final Throwable CAUSE = new IOException("underlying");

  static Stream<Arguments> subclasses() {
    return Stream.of(
        Arguments.of(Kind.PROTOCOL_VIOLATION, (Supplier<TdsException>) () -> new TdsProtocolException("PRELOGIN", "bad", 3)),
        Arguments.of(Kind.TLS_HANDSHAKE, (Supplier<TdsException>) () -> new TlsHandshakeException("m", "a", CAUSE)),
        Arguments.of(Kind.CERTIFICATE_INVALID, (Supplier<TdsException>) () -> new CertificateInvalidException("m", "a", CAUSE)),
        Arguments.of(Kind.HOSTNAME_MISMATCH, (Supplier<TdsException>) () -> new HostnameVerificationException("h", List.of(), CAUSE)),
        Arguments.of(Kind.ENCRYPTION_REQUIRED, (Supplier<TdsException>) () -> new EncryptionRequiredException("m", "a", CAUSE)),
        Arguments.of(Kind.ENCRYPTION_NOT_SUPPORTED, (Supplier<TdsException>) () -> new EncryptionNotSupportedException("m", "a", CAUSE)),
        Arguments.of(Kind.TIMEOUT, (Supplier<TdsException>) () -> new TdsTimeoutException("m", "a", CAUSE)),
        Arguments.of(Kind.LOGIN_FAILED, (Supplier<TdsException>) () -> new LoginFailedException(18456, 8, 14, "Login failed", "srv")),
        Arguments.of(Kind.SERVER_ERROR, (Supplier<TdsException>) () -> new ServerErrorException(208, 1, 16, "Invalid object", "srv", "p", 3)),
        Arguments.of(Kind.CONNECTION, (Supplier<TdsException>) () -> new TdsConnectionException("m", "a", CAUSE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subclasses")
  void eachSubclassCarriesItsKind(Kind kind, Supplier<TdsException> make) {
    TdsException e = make.get();

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e).isInstanceOf(IOException.class);
    assertThat(e.getMessage()).isNotBlank();
  }

  @Test
  void everyKindHasASubclass() {
    Set<Kind> covered = EnumSet.noneOf(Kind.class);
    subclasses().forEach(a -> covered.add((Kind) a.get()[0]));

    assertThat(covered).containsExactlyInAnyOrder(Kind.values());
  }

  @Test
  void protocolErrorNamesStructureProblemAndOffset() {
    TdsProtocolException e = new TdsProtocolException("PRELOGIN", "option MARS has value 0x02", 17);

    assertThat(e.getMessage()).isEqualTo("malformed PRELOGIN: option MARS has value 0x02 (at offset 17)");
    assertThat(e.structure()).isEqualTo("PRELOGIN");
    assertThat(e.offset()).isEqualTo(17);
    assertThat(e.advice()).contains("SQL Server");
  }

  @Test
  void protocolErrorWithoutOffsetLeavesItOut() {
    TdsProtocolException e = new TdsProtocolException("message", "too large", -1);

    assertThat(e.getMessage()).isEqualTo("malformed message: too large");
    assertThat(e.offset()).isEqualTo(-1);
  }

  @Test
  void describeAddsTheAdviceAsAHint() {
    TdsException withAdvice = new TdsTimeoutException("no answer in 5 s", "raise the timeout", null);
    TdsException without = new TdsTimeoutException("no answer in 5 s", null, null);

    assertThat(withAdvice.describe()).isEqualTo("no answer in 5 s\n  hint: raise the timeout");
    assertThat(without.advice()).isEmpty();
    assertThat(without.describe()).isEqualTo("no answer in 5 s");
  }

  @Test
  void causeIsKept() {
    assertThat(new TlsHandshakeException("m", "a", CAUSE)).hasCause(CAUSE);
  }

  @Test
  void kindIsRequired() {
    assertThatThrownBy(() -> new TdsException(null, "m", "a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void hostnameMismatchListsTheCertificateNamesAndCopiesThem() {
    List<String> names = new ArrayList<>(List.of("db1.example.com", "db1"));
    HostnameVerificationException e = new HostnameVerificationException("db2.example.com", names, null);
    names.add("db2.example.com");

    assertThat(e.getMessage()).contains("'db2.example.com'", "db1.example.com, db1");
    assertThat(e.expected()).isEqualTo("db2.example.com");
    assertThat(e.namesInCertificate()).containsExactly("db1.example.com", "db1");
    assertThat(new HostnameVerificationException("h", List.of(), null).getMessage()).contains("no host at all");
  }

  @Test
  void serverErrorKeepsItsFields() {
    ServerErrorException e = new ServerErrorException(208, 1, 16, "Invalid object name 't'.", "srv", "proc", 12);

    assertThat(e.getMessage()).isEqualTo("server error 208 (state 1, class 16): Invalid object name 't'.");
    assertThat(e.number()).isEqualTo(208);
    assertThat(e.state()).isEqualTo(1);
    assertThat(e.severity()).isEqualTo(16);
    assertThat(e.serverName()).isEqualTo("srv");
    assertThat(e.procedure()).isEqualTo("proc");
    assertThat(e.line()).isEqualTo(12);
  }

  @Test
  void loginFailedIsAServerErrorWithAdvice() {
    LoginFailedException e = new LoginFailedException(18456, 8, 14, "Login failed for user 'sa'.", "srv");

    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.number()).isEqualTo(18456);
    assertThat(e.advice()).isNotBlank();
  }

  @Test
  void configErrorsListTheValidChoices() {
    TdsConfigException bad = TdsConfigException.invalidValue("encrypt", "yes", List.of("off", "optional", "mandatory"));
    TdsConfigException unknown = TdsConfigException.unknownKey("connection string", "encrypted", List.of("encrypt", "host"));

    assertThat(bad).isInstanceOf(IllegalArgumentException.class);
    assertThat(bad.getMessage()).isEqualTo("invalid encrypt 'yes': valid values are off, optional, mandatory");
    assertThat(unknown.getMessage()).isEqualTo("unknown connection string key 'encrypted': valid keys are encrypt, host");
  }

  @Test
  void aLoginRefusedWithAnotherErrorDoesNotBlameThePassword() {
    LoginFailedException gateway = new LoginFailedException(50000, 1, 20,
        "tds-tls gateway: the backend failed (connection): the backend refused the TCP connection", "tds-tls gateway");
    assertThat(gateway.advice()).contains("error 50000").doesNotContain("password");
    assertThat(new LoginFailedException(18456, 1, 14, "Login failed for user 'app'.", "srv").advice()).contains("password");
  }
}
