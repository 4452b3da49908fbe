package io.tdstls.protocol.prelogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every proper prefix of a valid PRELOGIN payload is rejected with a {@link TdsProtocolException}:
 * never another exception, never a value.
 */
class PreLoginTruncationTest {

  static Stream<Arguments> vectorPrefixes() {
    byte[][] vectors = TestVectors.preLoginPayloads();
    return IntStream.range(0, vectors.length).boxed().flatMap(v ->
        IntStream.range(0, vectors[v].length).mapToObj(len ->
            Arguments.of("vector " + (v + 1), len, Arrays.copyOf(vectors[v], len))));
  }

  @ParameterizedTest(name = "{0}, first {1} bytes")
  @MethodSource("vectorPrefixes")
  void everyPrefixOfAVectorIsRejected(String vector, int length, byte[] prefix) {
    assertRejected(prefix);
  }

  @Property(tries = 500)
  void everyPrefixOfARandomValidPayloadIsRejected(@ForAll("preLogins") PreLogin value) {
    byte[] payload = value.encode();
    for (int len = 0; len < payload.length; len++) {
      assertRejected(Arrays.copyOf(payload, len));
    }
  }

  @Provide
  Arbitrary<PreLogin> preLogins() {
    return PreLoginArbitraries.preLogins();
  }

  private static void assertRejected(byte[] prefix) {
    assertThatThrownBy(() -> PreLogin.decode(prefix))
        .as("prefix of %d bytes", prefix.length)
        .isExactlyInstanceOf(TdsProtocolException.class)
        .satisfies(e -> {
          TdsProtocolException p = (TdsProtocolException) e;
          assertThat(p.kind()).isEqualTo(TdsException.Kind.PROTOCOL_VIOLATION);
          assertThat(p.structure()).isEqualTo("PRELOGIN");
          assertThat(p.offset()).isBetween(-1, prefix.length);
        });
  }
}
