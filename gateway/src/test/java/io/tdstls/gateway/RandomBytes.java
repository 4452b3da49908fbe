package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.ResponseStream;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.StreamingSessionHandler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A backend session handler that answers {@code STREAM <bytes>} with that many seeded random bytes
 * (pieces of 50,000), and everything else as the diagnostic handler does: a large result whose
 * checksum both ends can compute.
 */
final class RandomBytes implements StreamingSessionHandler {

  private final SessionHandler delegate;

  private RandomBytes(SessionHandler delegate) {
    this.delegate = delegate;
  }

  static Supplier<SessionHandler> around(Supplier<SessionHandler> diagnostic) {
    return () -> new RandomBytes(diagnostic.get());
  }

  @Override
  public LoginAnswer login(TdsMessage login7, ConnectionInfo connection) throws TdsException {
    return delegate.login(login7, connection);
  }

  @Override
  public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException {
    return delegate.request(request, connection);
  }

  @Override
  public ResponseStream stream(TdsMessage request, ConnectionInfo connection) throws TdsException {
    String sql = SqlBatch.decode(request.payload());
    if (!sql.startsWith("STREAM ")) {
      return null;
    }
    long size = Long.parseLong(sql.substring(7).trim());
    Random random = new Random(size);
    return new ResponseStream() {
      long left = size;

      @Override
      public byte[] next() {
        if (left == 0) {
          return null;
        }
        byte[] piece = new byte[(int) Math.min(50_000, left)];
        random.nextBytes(piece);
        left -= piece.length;
        return piece;
      }
    };
  }

  /** The SHA-256 of the bytes {@code STREAM size} produces. */
  static byte[] digest(long size) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      Random random = new Random(size);
      for (long left = size; left > 0; ) {
        byte[] piece = new byte[(int) Math.min(50_000, left)];
        random.nextBytes(piece);
        d.update(piece);
        left -= piece.length;
      }
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
