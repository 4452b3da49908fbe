package io.tdstls.server.diagnostic;

import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A session's transaction: its nesting count ({@code @@TRANCOUNT}), its 8-byte descriptor and its
 * savepoints. Beginning the outermost transaction and ending it send the ENVCHANGE tokens of
 * [MS-TDS] 2.2.7.9 (type 8 with the new descriptor; 9 or 10 with the old one), which drivers echo
 * in the ALL_HEADERS of later requests. Used by T-SQL ({@code BEGIN TRAN}, {@code COMMIT}...) and
 * by transaction manager requests alike.
 */
final class Transactions {

  private long lastDescriptor;
  private long descriptor;
  private int count;
  private final List<String> savepoints = new ArrayList<>();

  int count() {
    return count;
  }

  long descriptor() {
    return descriptor;
  }

  Answer begin() {
    count++;
    if (count > 1) {
      return new Answer.Done();
    }
    descriptor = ++lastDescriptor;
    return new Answer.Changes(List.of(new EnvChange.Binary(EnvChangeType.BEGIN_TRANSACTION, bytes(descriptor), new byte[0])));
  }

  Answer commit() {
    if (count == 0) {
      return new Answer.Failure(3902, 1, 16, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
    }
    count--;
    return count > 0 ? new Answer.Done() : end(EnvChangeType.COMMIT_TRANSACTION);
  }

  /** Rolls back the whole transaction, or to a savepoint when {@code name} is one. */
  Answer rollback(String name) {
    if (count == 0) {
      return new Answer.Failure(3903, 1, 16, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
    }
    int at = savepoints.lastIndexOf(name.toLowerCase(Locale.ROOT));
    if (!name.isEmpty() && at >= 0) {
      savepoints.subList(at + 1, savepoints.size()).clear();
      return new Answer.Done();
    }
    return end(EnvChangeType.ROLLBACK_TRANSACTION);
  }

  Answer save(String name) {
    if (count == 0) {
      return new Answer.Failure(628, 1, 16, "Cannot issue SAVE TRANSACTION when there is no active transaction.");
    }
    savepoints.add(name.toLowerCase(Locale.ROOT));
    return new Answer.Done();
  }

  /** Ends any open transaction without a token (a connection reset). */
  void abandon() {
    count = 0;
    descriptor = 0;
    savepoints.clear();
  }

  private Answer end(EnvChangeType type) {
    byte[] old = bytes(descriptor);
    abandon();
    return new Answer.Changes(List.of(new EnvChange.Binary(type, new byte[0], old)));
  }

  private static byte[] bytes(long descriptor) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(descriptor).array();
  }
}
