package io.tdstls.protocol.batch;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.types.WireReader;
import io.tdstls.protocol.types.WireWriter;
import java.util.Objects;

/**
 * A transaction manager request ([MS-TDS] 2.2.6.9, packet type 0x0E): how ODBC, OLE DB and
 * ADO.NET drivers begin, commit, roll back and save transactions (pyodbc turning autocommit off
 * sends {@link Kind#BEGIN}).
 *
 * <pre>{@code
 * TransactionManagerRequest r = TransactionManagerRequest.decode(message.payload());   // server
 * byte[] payload = TransactionManagerRequest.begin(2, "").encode(0L);                  // client
 * }</pre>
 *
 * @param kind the request type
 * @param name the transaction or savepoint name (BEGIN, COMMIT, ROLLBACK, SAVE), possibly empty
 * @param isolationLevel the isolation level of a BEGIN, 0 (unchanged) to 5 (snapshot)
 * @param beginAfter for COMMIT and ROLLBACK: whether a new transaction begins right after
 *     (fBeginXact), with {@code nextIsolationLevel} and {@code nextName}
 * @param nextIsolationLevel the isolation level of the new transaction, or 0
 * @param nextName the name of the new transaction, or empty
 * @param transactionDescriptor the transaction descriptor of the request's ALL_HEADERS, or 0
 */
public record TransactionManagerRequest(Kind kind, String name, int isolationLevel, boolean beginAfter,
    int nextIsolationLevel, String nextName, long transactionDescriptor) {

  private static final String WHAT = "transaction manager request";

  /** The request types ([MS-TDS] 2.2.6.9), with their codes. */
  public enum Kind {
    /** 0: TM_GET_DTC_ADDRESS. */
    GET_DTC_ADDRESS(0),
    /** 1: TM_PROPAGATE_XACT, enlist in a DTC transaction. */
    PROPAGATE(1),
    /** 5: TM_BEGIN_XACT. */
    BEGIN(5),
    /** 6: TM_PROMOTE_XACT, promote to a distributed transaction. */
    PROMOTE(6),
    /** 7: TM_COMMIT_XACT. */
    COMMIT(7),
    /** 8: TM_ROLLBACK_XACT. */
    ROLLBACK(8),
    /** 9: TM_SAVE_XACT. */
    SAVE(9);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /**
     * Returns the wire code.
     *
     * @return the RequestType value
     */
    public int code() {
      return code;
    }

    static Kind fromCode(int code, WireReader r) throws TdsProtocolException {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw r.error("unknown RequestType " + code + " (expected 0, 1 or 5 to 9)");
    }
  }

  /**
   * Validates.
   *
   * @param kind see the record component
   * @param name see the record component
   * @param isolationLevel see the record component
   * @param beginAfter see the record component
   * @param nextIsolationLevel see the record component
   * @param nextName see the record component
   * @param transactionDescriptor see the record component
   */
  public TransactionManagerRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nextName, "nextName");
  }

  /**
   * Returns a BEGIN request.
   *
   * @param isolationLevel 0 (unchanged) to 5
   * @param name the transaction name, or empty
   * @return the request
   */
  public static TransactionManagerRequest begin(int isolationLevel, String name) {
    return new TransactionManagerRequest(Kind.BEGIN, name, isolationLevel, false, 0, "", 0);
  }

  /**
   * Returns a COMMIT or ROLLBACK request.
   *
   * @param kind {@link Kind#COMMIT} or {@link Kind#ROLLBACK}
   * @param name the transaction (or, for ROLLBACK, savepoint) name, or empty
   * @param beginAfter whether a new transaction begins right after
   * @return the request
   */
  public static TransactionManagerRequest end(Kind kind, String name, boolean beginAfter) {
    return new TransactionManagerRequest(kind, name, 0, beginAfter, 0, "", 0);
  }

  /**
   * Decodes a request (server side).
   *
   * @param payload the message payload, with ALL_HEADERS
   * @return the request
   * @throws TdsProtocolException if the message is malformed
   */
  public static TransactionManagerRequest decode(byte[] payload) throws TdsProtocolException {
    WireReader r = new WireReader(WHAT, payload);
    long descriptor = 0;
    if (payload.length >= 4 && payload[2] == 0 && payload[3] == 0) {
      descriptor = SqlBatch.skipHeaders(r);
    }
    Kind kind = Kind.fromCode(r.u16("RequestType"), r);
    switch (kind) {
      case BEGIN: {
        int isolation = r.u8("IsolationLevel");
        return new TransactionManagerRequest(kind, r.bVarchar("Name"), isolation, false, 0, "", descriptor);
      }
      case COMMIT:
      case ROLLBACK: {
        String name = r.bVarchar("Name");
        int flags = r.u8("Flags");
        boolean begin = (flags & 0x01) != 0;
        int nextIsolation = begin ? r.u8("new transaction IsolationLevel") : 0;
        String nextName = begin ? r.bVarchar("new transaction Name") : "";
        return new TransactionManagerRequest(kind, name, 0, begin, nextIsolation, nextName, descriptor);
      }
      case SAVE:
        return new TransactionManagerRequest(kind, r.bVarchar("Name"), 0, false, 0, "", descriptor);
      default:
        return new TransactionManagerRequest(kind, "", 0, false, 0, "", descriptor);
    }
  }

  /**
   * Encodes the request as a client sends it, with ALL_HEADERS.
   *
   * @param descriptor the current transaction descriptor, or 0
   * @return the payload
   */
  public byte[] encode(long descriptor) {
    WireWriter w = new WireWriter();
    w.i32(22).i32(18).u16(SqlBatch.TRANSACTION_DESCRIPTOR_HEADER).i64(descriptor).i32(1);
    w.u16(kind.code());
    switch (kind) {
      case BEGIN:
        w.u8(isolationLevel).bVarchar(name);
        break;
      case COMMIT:
      case ROLLBACK:
        w.bVarchar(name).u8(beginAfter ? 1 : 0);
        if (beginAfter) {
          w.u8(nextIsolationLevel).bVarchar(nextName);
        }
        break;
      case SAVE:
        w.bVarchar(name);
        break;
      case GET_DTC_ADDRESS:
      case PROPAGATE:
        w.u16(0);
        break;
      default:
        break;
    }
    return w.toByteArray();
  }
}
