package io.tdstls.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** Drives a client and a server {@link SSLEngine} against each other in memory, in one thread. */
final class EnginePump {

  /** How a handshake ended for each side. */
  record Result(SSLEngine client, SSLEngine server, SSLException clientError, SSLException serverError) {
    boolean succeeded() {
      return clientError == null && serverError == null;
    }
  }

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SSLEngine engine;
  private SSLException error;

  private EnginePump(SSLEngine engine) {
    this.engine = engine;
  }

  static Result handshake(SSLEngine client, SSLEngine server) {
    ByteBuffer clientToServer = ByteBuffer.allocate(1 << 17);
    ByteBuffer serverToClient = ByteBuffer.allocate(1 << 17);
    EnginePump c = new EnginePump(client);
    EnginePump s = new EnginePump(server);
    c.begin();
    s.begin();
    for (int round = 0; round < 200; round++) {
      boolean progress = c.step(serverToClient, clientToServer);
      progress |= s.step(clientToServer, serverToClient);
      if (!progress) {
        break;
      }
    }
    return new Result(client, server, c.error, s.error);
  }

  private void begin() {
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      error = e;
    }
  }

  /** Runs the engine until it waits for the peer; returns whether anything happened. */
  private boolean step(ByteBuffer in, ByteBuffer out) {
    boolean progress = false;
    ByteBuffer app = ByteBuffer.allocate(1 << 17);
    for (int i = 0; i < 100; i++) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      try {
        if (hs == HandshakeStatus.NEED_TASK) {
          for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
          }
          progress = true;
        } else if (hs == HandshakeStatus.NEED_WRAP) {
          SSLEngineResult r = engine.wrap(EMPTY, out);
          if (r.bytesProduced() == 0) {
            break;
          }
          progress = true;
        } else if (in.position() > 0) {
          in.flip();
          SSLEngineResult r = engine.unwrap(in, app);
          in.compact();
          app.clear();
          if (r.bytesConsumed() == 0 && r.getHandshakeStatus() == hs) {
            break;
          }
          progress = true;
        } else {
          break;
        }
      } catch (SSLException e) {
        if (error == null) {
          error = e;
        }
        progress = true;
      }
    }
    return progress;
  }
}
