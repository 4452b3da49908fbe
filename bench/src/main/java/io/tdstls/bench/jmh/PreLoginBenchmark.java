package io.tdstls.bench.jmh;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.ThreadId;
import io.tdstls.protocol.prelogin.Version;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** PRELOGIN encode and decode: the client's request as our client sends it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PreLoginBenchmark {

  private final PreLogin request = PreLogin.of(new Version(0, 1, 0, 0)).withEncryption(EncryptionValue.ON)
      .withInstance("").withThreadId(ThreadId.of(4242)).withMars(false);
  private final byte[] encoded = request.encode();

  /** Creates the benchmark state (JMH does). */
  public PreLoginBenchmark() {}

  /**
   * Encodes the request.
   *
   * @return the payload
   */
  @Benchmark
  public byte[] encode() {
    return request.encode();
  }

  /**
   * Decodes the request.
   *
   * @return the decoded PRELOGIN
   * @throws TdsProtocolException never (the payload is valid)
   */
  @Benchmark
  public PreLogin decode() throws TdsProtocolException {
    return PreLogin.decode(encoded);
  }
}
