package io.tdstls.protocol.batch;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.TypeInfo;
import io.tdstls.protocol.types.ValueCodec;
import io.tdstls.protocol.types.WireReader;
import io.tdstls.protocol.types.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The first remote procedure call of an RPC request message ([MS-TDS] 2.2.6.6): the procedure,
 * named or by well-known id (10 is {@code sp_executesql}), its option flags and its parameters.
 * Drivers send most statements this way (tedious's {@code execSql}, JDBC's prepared statements).
 *
 * @param procName the procedure name, or empty when {@code procId} is used
 * @param procId the well-known procedure id, or 0 when a name is used
 * @param optionFlags the option flags
 * @param parameters the parameters, in order
 */
public record RpcRequest(String procName, int procId, int optionFlags, List<RpcParameter> parameters) {

  /** The well-known id of {@code sp_executesql}. */
  public static final int SP_EXECUTESQL = 10;

  private static final String WHAT = "RPC request";

  /**
   * Copies the parameter list.
   *
   * @param procName see the record component
   * @param procId see the record component
   * @param optionFlags see the record component
   * @param parameters see the record component
   */
  public RpcRequest {
    parameters = List.copyOf(parameters);
  }

  /**
   * Tells whether this calls {@code sp_executesql}, by id or by name.
   *
   * @return whether the procedure is sp_executesql
   */
  public boolean isExecuteSql() {
    return procId == SP_EXECUTESQL || procName.equalsIgnoreCase("sp_executesql");
  }

  /**
   * Returns the procedure as people name it.
   *
   * @return the name, or {@code "proc id N"}
   */
  public String procedure() {
    return procName.isEmpty() ? (procId == SP_EXECUTESQL ? "sp_executesql" : "proc id " + procId) : procName;
  }

  /**
   * Decodes the first call of an RPC message (server side), with or without ALL_HEADERS.
   *
   * @param payload the message payload
   * @return the call
   * @throws TdsProtocolException if the message is malformed
   */
  public static RpcRequest decode(byte[] payload) throws TdsProtocolException {
    return decodeAll(payload).get(0);
  }

  /**
   * Decodes every call of an RPC message (server side): drivers may batch several calls in one
   * message, separated by a BatchFlag byte (0x80, or 0xFF/0xFE before TDS 7.2).
   *
   * @param payload the message payload
   * @return the calls, in order (at least one)
   * @throws TdsProtocolException if the message is malformed
   */
  public static List<RpcRequest> decodeAll(byte[] payload) throws TdsProtocolException {
    WireReader r = new WireReader(WHAT, payload);
    if (payload.length >= 4 && payload[2] == 0 && payload[3] == 0) {
      SqlBatch.skipHeaders(r);
    }
    List<RpcRequest> calls = new ArrayList<>();
    calls.add(decodeCall(r, payload));
    while (r.hasRemaining()) {
      r.u8("BatchFlag");
      if (r.hasRemaining()) {
        calls.add(decodeCall(r, payload));
      }
    }
    return calls;
  }

  private static RpcRequest decodeCall(WireReader r, byte[] payload) throws TdsProtocolException {
    int nameLength = r.u16("NameLenProcID");
    String name = "";
    int id = 0;
    if (nameLength == 0xFFFF) {
      id = r.u16("ProcID");
    } else {
      name = r.utf16(nameLength, "ProcName");
    }
    int flags = r.u16("OptionFlags");
    List<RpcParameter> params = new ArrayList<>();
    while (r.hasRemaining()) {
      int next = payload[r.position()] & 0xFF;
      if (next == 0x80 || next == 0xFF || next == 0xFE) {
        break; // BatchFlag: the next call of a batched RPC follows
      }
      String paramName = r.bVarchar("ParamName");
      int status = r.u8("StatusFlags");
      TypeInfo type = TypeInfo.decode(r);
      Object value = ValueCodec.decodeParameter(type, r);
      params.add(new RpcParameter(paramName, status, type, value));
    }
    return new RpcRequest(name, id, flags, params);
  }

  /**
   * Encodes the call as a client would send it.
   *
   * @param version the TDS version (ALL_HEADERS for 7.2 and later)
   * @return the message payload
   */
  public byte[] encode(TdsVersion version) {
    WireWriter w = new WireWriter();
    if (version.isAtLeast(TdsVersion.V7_2)) {
      w.i32(22).i32(18).u16(2).i64(0).i32(1);
    }
    if (procName.isEmpty()) {
      w.u16(0xFFFF).u16(procId);
    } else {
      w.u16(procName.length()).utf16(procName);
    }
    w.u16(optionFlags);
    for (RpcParameter p : parameters) {
      w.u8(p.name().length()).utf16(p.name());
      w.u8(p.status());
      p.type().encode(w);
      ValueCodec.encode(p.type(), p.value(), w);
    }
    return w.toByteArray();
  }
}
