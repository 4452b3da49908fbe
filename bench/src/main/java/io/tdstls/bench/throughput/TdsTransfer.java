package io.tdstls.bench.throughput;

import io.tdstls.bench.connect.LoginMode;
import io.tdstls.bench.connect.TdsConnectors;
import io.tdstls.bench.fixture.LargeResultHandler;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import java.nio.file.Path;

/**
 * Our client's session against a server answering {@link LargeResultHandler}'s query (ours, or a
 * gateway in front of it), kept open across runs: each run is one SELECT streamed packet by packet,
 * its final DONE row count checked.
 */
public final class TdsTransfer implements Transfer, AutoCloseable {

  private final String name;
  private final TdsSession session;

  /**
   * Connects and logs in.
   *
   * @param caPem the CA the client trusts
   * @param port the server's port on 127.0.0.1
   * @param mode the login mode
   * @param packetSize the packet size requested in LOGIN7
   * @param name the name in the tables
   * @throws Exception if the login fails
   */
  public TdsTransfer(Path caPem, int port, LoginMode mode, int packetSize, String name) throws Exception {
    this.name = name;
    this.session = new TdsClient(TdsConnectors.config(caPem, port, mode, packetSize)).connect();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long fetch(long size) throws Exception {
    long rows = LargeResultHandler.rowsFor(size);
    DoneCheckingSink sink = new DoneCheckingSink(rows);
    session.executeStreaming(LargeResultHandler.sql(rows), sink);
    if (!sink.complete() || sink.bytes() < rows * LargeResultHandler.ROW_SIZE) {
      throw new IllegalStateException("incomplete result: " + sink.bytes() + " bytes for " + rows + " rows");
    }
    return sink.bytes();
  }

  @Override
  public void close() {
    session.close();
  }
}
