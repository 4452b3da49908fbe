package io.tdstls.bench.throughput;

import io.tdstls.bench.fixture.BaselineClient;

/** One kind of transfer: our client's session kept open across its runs, or a raw socket reconnecting per run. */
public interface Transfer {

  /**
   * Returns what the transfer is, as the tables name it.
   *
   * @return the name
   */
  String name();

  /**
   * Transfers a number of bytes from the server to the client.
   *
   * @param bytes how many bytes to ask for
   * @return the bytes received
   * @throws Exception if the transfer fails or comes back incomplete
   */
  long fetch(long bytes) throws Exception;

  /**
   * Returns a raw transfer: a {@link BaselineClient} connecting, reading and closing per run.
   *
   * @param name the name in the tables
   * @param client the client, pointed at a baseline server (or a relay in front of one)
   * @return the transfer
   */
  static Transfer raw(String name, BaselineClient client) {
    return new Transfer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long fetch(long bytes) throws Exception {
        return client.fetch(bytes);
      }
    };
  }
}
