package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IpLiteral#isIpLiteral} answers as a full parse does, for literals and names alike. */
class IpLiteralTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.1", "::1", "[::1]", "2001:db8::5",
      "[2001:db8::5]", "::ffff:192.0.2.1"})
  void literals(String host) {
    assertThat(IpLiteral.isIpLiteral(host)).isTrue();
    assertThat(IpLiteral.parse(host)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "db.example.com", "sql_server.corp", "256.1.1.1", "1.2.3", "1.2.3.4.5",
      "01.2.3.4", "1.2.3.4.", "[db.example.com]", ""})
  void namesAndMalformedAddresses(String host) {
    assertThat(IpLiteral.isIpLiteral(host)).isFalse();
    assertThat(IpLiteral.parse(host)).isEmpty();
  }
}
