package io.tdstls.protocol.prelogin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Valid PRELOGIN values survive encode then decode; unknown option tokens are skipped. */
class PreLoginRoundTripProperties {

  @Property(tries = 3000)
  void decodeOfEncodeGivesTheValueBack(@ForAll("preLogins") PreLogin value) throws TdsProtocolException {
    PreLogin decoded = PreLogin.decode(value.encode());

    assertThat(decoded).isEqualTo(value);
    assertThat(decoded.hashCode()).isEqualTo(value.hashCode());
    assertThat(decoded.encode()).isEqualTo(value.encode());
  }

  @Property(tries = 1000)
  void encodedTableListsPresentOptionsInTokenOrderThenTerminator(@ForAll("preLogins") PreLogin value) {
    List<Option> options = tableOf(value.encode());

    int[] tokens = options.stream().mapToInt(Option::token).toArray();
    assertThat(tokens).isSorted().doesNotHaveDuplicates().contains(PreLoginOption.VERSION.token());
    assertThat(tokens.length).isEqualTo(presentCount(value));
  }

  @Property(tries = 2000)
  void unknownOptionTokensAreSkipped(
      @ForAll("preLogins") PreLogin value, @ForAll("unknownOptions") List<Option> unknown, @ForAll("seeds") long seed)
      throws TdsProtocolException {
    List<Option> options = new ArrayList<>(tableOf(value.encode()));
    Random random = new Random(seed);
    for (Option u : unknown) {
      options.add(random.nextInt(options.size() + 1), u);
    }
    PreLoginBytes b = new PreLoginBytes();
    options.forEach(o -> b.option(o.token(), o.data()));

    assertThat(PreLogin.decode(b.build())).isEqualTo(value);
  }

  @Provide
  Arbitrary<PreLogin> preLogins() {
    return PreLoginArbitraries.preLogins();
  }

  @Provide
  Arbitrary<List<Option>> unknownOptions() {
    Arbitrary<Integer> token = Arbitraries.integers().between(0x08, 0xFE);
    Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
    return Combinators.combine(token, data).as(Option::new).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** One entry of an option table, with its data. */
  record Option(int token, byte[] data) {
    @Override
    public String toString() {
      return String.format("0x%02X:%s", token, Arrays.toString(data));
    }
  }

  /** Reads the option table of a payload the encoder wrote (offsets are trusted). */
  private static List<Option> tableOf(byte[] payload) {
    List<Option> options = new ArrayList<>();
    for (int pos = 0; (payload[pos] & 0xFF) != PreLoginOption.TERMINATOR; pos += 5) {
      int offset = ((payload[pos + 1] & 0xFF) << 8) | (payload[pos + 2] & 0xFF);
      int length = ((payload[pos + 3] & 0xFF) << 8) | (payload[pos + 4] & 0xFF);
      options.add(new Option(payload[pos] & 0xFF, Arrays.copyOfRange(payload, offset, offset + length)));
    }
    return options;
  }

  private static int presentCount(PreLogin p) {
    return 1
        + (p.encryption().isPresent() ? 1 : 0)
        + (p.instance().isPresent() ? 1 : 0)
        + (p.threadId().isPresent() ? 1 : 0)
        + (p.mars().isPresent() ? 1 : 0)
        + (p.traceId().isPresent() ? 1 : 0)
        + (p.fedAuthRequired().isPresent() ? 1 : 0)
        + (p.nonce().isPresent() ? 1 : 0);
  }
}
