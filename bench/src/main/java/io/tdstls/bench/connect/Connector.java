package io.tdstls.bench.connect;

/** Opens one connection through login (or the baseline's equivalent) and closes it. */
@FunctionalInterface
public interface Connector {

  /**
   * Connects, logs in and closes.
   *
   * @throws Exception if the connection fails (the benchmark then stops and reports it)
   */
  void connectOnce() throws Exception;
}
