package io.tdstls.protocol.prelogin;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for valid PRELOGIN values: every option present or absent, CLIENT_CERT and
 * out-of-spec ENCRYPTION bytes, empty and valued THREADID, instance names over 0x01..0xFF.
 */
public final class PreLoginArbitraries {

  private static final double ABSENT = 0.3;

  private PreLoginArbitraries() {}

  /**
   * Returns valid PRELOGIN values.
   *
   * @return the generator
   */
  public static Arbitrary<PreLogin> preLogins() {
    return Combinators.combine(
            versions(),
            encryptionValues().injectNull(ABSENT),
            instanceNames().injectNull(ABSENT),
            threadIds().injectNull(ABSENT),
            Arbitraries.of(true, false).injectNull(ABSENT),
            traceIds().injectNull(ABSENT),
            Arbitraries.of(true, false).injectNull(ABSENT),
            nonces().injectNull(ABSENT))
        .as((version, encryption, instance, threadId, mars, traceId, fedAuth, nonce) ->
            PreLogin.of(version)
                .withEncryption(encryption)
                .withInstance(instance)
                .withThreadId(threadId)
                .withMars(mars)
                .withTraceId(traceId)
                .withFedAuthRequired(fedAuth)
                .withNonce(nonce));
  }

  /**
   * Returns any VERSION value.
   *
   * @return the generator
   */
  public static Arbitrary<Version> versions() {
    Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 0xFF);
    Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
    return Combinators.combine(u8, u8, u16, u16).as(Version::new);
  }

  /**
   * Returns any ENCRYPTION byte, valid ones (with and without CLIENT_CERT) more often.
   *
   * @return the generator
   */
  public static Arbitrary<EncryptionValue> encryptionValues() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(0x00, 0x01, 0x02, 0x03, 0x80, 0x81, 0x83)),
        Tuple.of(1, Arbitraries.integers().between(0, 0xFF)))
        .map(EncryptionValue::of);
  }

  /**
   * Returns instance names over the characters 0x01..0xFF, including the empty name.
   *
   * @return the generator
   */
  public static Arbitrary<String> instanceNames() {
    return Arbitraries.strings().withCharRange('\u0001', '\u00FF').ofMaxLength(40);
  }

  /**
   * Returns THREADID values: empty, or any 4-byte value.
   *
   * @return the generator
   */
  public static Arbitrary<ThreadId> threadIds() {
    return Arbitraries.oneOf(
        Arbitraries.just(ThreadId.EMPTY),
        Arbitraries.longs().between(0, 0xFFFFFFFFL).map(ThreadId::of));
  }

  /**
   * Returns TRACEID values.
   *
   * @return the generator
   */
  public static Arbitrary<TraceId> traceIds() {
    Arbitrary<byte[]> guid = Arbitraries.bytes().array(byte[].class).ofSize(16);
    return Combinators.combine(guid, guid, Arbitraries.longs().between(0, 0xFFFFFFFFL)).as(TraceId::new);
  }

  /**
   * Returns NONCEOPT values (32 bytes).
   *
   * @return the generator
   */
  public static Arbitrary<byte[]> nonces() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32);
  }
}
