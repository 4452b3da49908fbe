package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The failure kinds operators alert on, told apart by the error and its cause. */
class FailureKindTest {

  @Test
  void causesTellRefusedFromUnreachableFromTimeout() {
    assertThat(FailureKind.of(new TdsConnectionException("x", "", new ConnectException("refused"))))
        .isEqualTo(FailureKind.REFUSED);
    assertThat(FailureKind.of(new TdsConnectionException("x", "", new UnknownHostException("db.invalid"))))
        .isEqualTo(FailureKind.UNREACHABLE);
    assertThat(FailureKind.of(new TdsConnectionException("x", "", new NoRouteToHostException("no route"))))
        .isEqualTo(FailureKind.UNREACHABLE);
    assertThat(FailureKind.of(new TdsTimeoutException("x", "", new ConnectTimeoutException("slow"))))
        .as("Netty's connect timeout is a ConnectException, but a timeout").isEqualTo(FailureKind.TIMEOUT);
    assertThat(FailureKind.of(new TdsConnectionException("the backend closed the connection", "", null)))
        .isEqualTo(FailureKind.RESET);
  }

  @Test
  void kindsMapToTheirLabels() {
    assertThat(FailureKind.of(TdsException.Kind.CERTIFICATE_INVALID)).isEqualTo(FailureKind.TLS);
    assertThat(FailureKind.of(TdsException.Kind.HOSTNAME_MISMATCH)).isEqualTo(FailureKind.TLS);
    assertThat(FailureKind.of(TdsException.Kind.ENCRYPTION_REQUIRED)).isEqualTo(FailureKind.POLICY);
    assertThat(FailureKind.of(TdsException.Kind.PROTOCOL_VIOLATION).label()).isEqualTo("protocol");
    assertThat(FailureKind.of(TdsException.Kind.SERVER_ERROR)).isEqualTo(FailureKind.OTHER);
  }
}
