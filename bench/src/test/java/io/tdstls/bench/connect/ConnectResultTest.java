package io.tdstls.bench.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectResultTest {

  @Test
  void percentilesAndRateComeFromTheLatencies() {
    long[] latencies = new long[100];
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = (100 - i) * 1_000L; // unsorted on purpose
    }
    ConnectResult r = ConnectResult.of("x", 1, latencies, 2.0);
    assertThat(r.p50Nanos()).isEqualTo(50_000L);
    assertThat(r.p99Nanos()).isEqualTo(99_000L);
    assertThat(r.perSecond()).isEqualTo(50.0);
  }

  @Test
  void nothingTimedGivesZeros() {
    ConnectResult r = ConnectResult.of("x", 1, new long[0], 0);
    assertThat(r.perSecond()).isZero();
    assertThat(r.p99Nanos()).isZero();
  }
}
