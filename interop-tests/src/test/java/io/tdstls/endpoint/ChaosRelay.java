package io.tdstls.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;

/**
 * A hostile network on loopback between a client and a server, for one connection: it forwards
 * both directions and, depending on its {@link Mode}, cuts the stream into pieces at random
 * boundaries, delays them, truncates or resets the connection after some bytes, or flips a bit.
 * Every choice comes from a seeded {@link Random}, so a failing case replays exactly.
 */
final class ChaosRelay implements AutoCloseable {

  /** What the relay does to the traffic. */
  enum Mode {
    /** Forwards in pieces of 1..64 bytes, each written and flushed on its own. */
    FRAGMENT,
    /** Forwards in pieces, sleeping 0..20 ms before each. */
    DELAY,
    /** Closes both sides after a random number of bytes in the chosen direction. */
    TRUNCATE,
    /** Resets both sides (RST, SO_LINGER 0) after a random number of bytes in the chosen direction. */
    RESET,
    /** Flips one random bit of one random byte in the chosen direction. */
    BIT_FLIP
  }

  /** Which way the damage goes (FRAGMENT and DELAY act on both). */
  enum Direction { TO_SERVER, TO_CLIENT }

  private final ServerSocket listener;
  private final int serverPort;
  private final Mode mode;
  private final Direction direction;
  private final Random random;
  /** The byte offset in the damaged direction at which TRUNCATE, RESET or BIT_FLIP strikes. */
  private final int strikeAt;
  private volatile Socket client;
  private volatile Socket server;

  ChaosRelay(int serverPort, Mode mode, Direction direction, long seed, int maxStrikeOffset) throws IOException {
    this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.serverPort = serverPort;
    this.mode = mode;
    this.direction = direction;
    this.random = new Random(seed);
    this.strikeAt = random.nextInt(maxStrikeOffset);
    Thread t = new Thread(this::accept, "chaos-relay");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    try {
      client = listener.accept();
      server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      long seedUp = random.nextLong();
      long seedDown = random.nextLong();
      Thread up = new Thread(() -> pump(client, server, direction == Direction.TO_SERVER, new Random(seedUp)), "chaos-up");
      Thread down = new Thread(() -> pump(server, client, direction == Direction.TO_CLIENT, new Random(seedDown)), "chaos-down");
      up.setDaemon(true);
      down.setDaemon(true);
      up.start();
      down.start();
    } catch (IOException e) {
      close();
    }
  }

  private void pump(Socket from, Socket to, boolean damaged, Random r) {
    byte[] buf = new byte[8192];
    long offset = 0;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (damaged && offset <= strikeAt && strikeAt < offset + n) {
          int at = (int) (strikeAt - offset);
          switch (mode) {
            case TRUNCATE:
              out.write(buf, 0, at);
              out.flush();
              close();
              return;
            case RESET:
              out.write(buf, 0, at);
              out.flush();
              reset();
              return;
            case BIT_FLIP:
              buf[at] ^= (byte) (1 << r.nextInt(8));
              break;
            default:
              break;
          }
        }
        offset += n;
        if (mode == Mode.FRAGMENT || mode == Mode.DELAY) {
          for (int i = 0; i < n; ) {
            int piece = Math.min(n - i, 1 + r.nextInt(64));
            if (mode == Mode.DELAY) {
              Thread.sleep(r.nextInt(21));
            }
            out.write(buf, i, piece);
            out.flush();
            i += piece;
          }
        } else {
          out.write(buf, 0, n);
          out.flush();
        }
      }
      to.shutdownOutput();
    } catch (IOException e) {
      close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    }
  }

  private void reset() {
    for (Socket s : new Socket[] {client, server}) {
      try {
        if (s != null) {
          s.setSoLinger(true, 0);
          s.close();
        }
      } catch (IOException e) {
        // already gone
      }
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {client, server, listener}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // already gone
      }
    }
  }
}
