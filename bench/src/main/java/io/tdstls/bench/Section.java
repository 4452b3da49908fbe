package io.tdstls.bench;

/** The parts of the suite, each runnable on its own. */
public enum Section {
  /** Connections per second and login latency, against JDBC, and the OpenSSL provider's (1, 2, 5a). */
  CONNECTIONS,
  /** Encrypted throughput, and the OpenSSL provider's (3, 5b). */
  THROUGHPUT,
  /** Memory per idle encrypted connection (4). */
  MEMORY,
  /** JMH microbenchmarks (6). */
  JMH,
  /** The gateway against direct connections to the same backend (7). */
  GATEWAY,
  /**
   * Handshakes per second with OpenSSL on both ends against the JDK on both ends, full and resumed
   * (5c, 5d).
   */
  HANDSHAKES
}
