package io.tdstls.protocol.token;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.TypeInfo;
import io.tdstls.protocol.types.ValueCodec;
import io.tdstls.protocol.types.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the token stream of a tabular result message ([MS-TDS] 2.2.7) into {@link Token}s.
 *
 * <p>Stateful: ROW and NBCROW need the last COLMETADATA, which is kept across calls (a result set
 * may span messages). Use one decoder per connection, from one thread.
 *
 * <pre>{@code
 * TokenDecoder decoder = new TokenDecoder(TdsVersion.V7_4);
 * for (Token t : decoder.decode(payload)) { ... }
 * }</pre>
 *
 * <p>SSPI and FEDAUTHINFO are decoded into {@link SspiToken} and {@link FedAuthInfo}.
 * SESSIONSTATE, TABNAME, COLINFO, OFFSET and RETURNVALUE are delimited and
 * returned as {@link SkippedToken}. ALTMETADATA, ALTROW, DATACLASSIFICATION and unknown token
 * bytes cannot be delimited without interpreting them and give a {@link TdsProtocolException}.
 * Column encryption metadata (TDS 7.4 Always Encrypted) is not supported. Bytes left inside a
 * token's declared length after its known fields are ignored, for forward compatibility.
 */
public final class TokenDecoder {

  private static final String WHAT = "token stream";

  private final TdsVersion version;
  private ColMetadata metadata;

  /**
   * Creates a decoder for a negotiated TDS version (it sets the width of DONE row counts, ERROR
   * line numbers and COLMETADATA user types).
   *
   * @param version the version from LOGINACK, or the one requested before login
   */
  public TokenDecoder(TdsVersion version) {
    this.version = version;
  }

  /**
   * Returns the COLMETADATA that the next ROW will be read with.
   *
   * @return the last column metadata, or empty before the first
   */
  public Optional<ColMetadata> currentMetadata() {
    return Optional.ofNullable(metadata);
  }

  /**
   * Decodes every token of a message payload.
   *
   * @param payload the message payload, packets already reassembled
   * @return the tokens, in order
   * @throws TdsProtocolException if a token is truncated or malformed, unknown, or cannot be
   *     delimited; the offset is relative to the payload
   */
  public List<Token> decode(byte[] payload) throws TdsProtocolException {
    WireReader r = new WireReader(WHAT, payload);
    List<Token> out = new ArrayList<>();
    while (r.hasRemaining()) {
      out.add(next(r));
    }
    return out;
  }

  private boolean wide() {
    return version.isAtLeast(TdsVersion.V7_2);
  }

  private Token next(WireReader r) throws TdsProtocolException {
    int at = r.position();
    TokenType type = TokenType.fromCode(r.u8("token type"), at);
    switch (type) {
      case LOGINACK:
        return loginAck(r.slice(r.u16("LOGINACK length"), "LOGINACK length"));
      case ENVCHANGE:
        return EnvChangeCodec.decode(r.slice(r.u16("ENVCHANGE length"), "ENVCHANGE length"));
      case ERROR:
      case INFO:
        return message(type, r.slice(r.u16(type + " length"), type + " length"));
      case DONE:
      case DONEPROC:
      case DONEINPROC:
        return new Done(type, r.u16("DONE status"), r.u16("DONE curCmd"),
            wide() ? r.i64("DONE row count") : r.u32("DONE row count"));
      case COLMETADATA:
        return colMetadata(r);
      case ROW:
      case NBCROW:
        return row(type, r, at);
      case ORDER:
        return order(r);
      case RETURNSTATUS:
        return new ReturnStatus(r.i32("RETURNSTATUS value"));
      case FEATUREEXTACK:
        return featureExtAck(r);
      case SSPI:
        return new SspiToken(r.bytes(r.u16("SSPI length"), "SSPI data"));
      case FEDAUTHINFO:
        return fedAuthInfo(r.slice(r.u32("FEDAUTHINFO length"), "FEDAUTHINFO length"));
      default:
        return skip(type, r, at);
    }
  }

  private LoginAck loginAck(WireReader b) throws TdsProtocolException {
    int iface = b.u8("LOGINACK interface");
    int tds = b.i32be("LOGINACK TDS version");
    String name = b.bVarchar("LOGINACK program name");
    int major = b.u8("LOGINACK major version");
    int minor = b.u8("LOGINACK minor version");
    int build = b.u8("LOGINACK build high") << 8 | b.u8("LOGINACK build low");
    return new LoginAck(iface, tds, name, major, minor, build);
  }

  private ServerMessage message(TokenType type, WireReader b) throws TdsProtocolException {
    int number = b.i32(type + " number");
    int state = b.u8(type + " state");
    int severity = b.u8(type + " class");
    String text = b.usVarchar(type + " message");
    String server = b.bVarchar(type + " server name");
    String proc = b.bVarchar(type + " procedure name");
    int line = wide() ? b.i32(type + " line number") : b.u16(type + " line number");
    return new ServerMessage(type, number, state, severity, text, server, proc, line);
  }

  private ColMetadata colMetadata(WireReader r) throws TdsProtocolException {
    int count = r.u16("COLMETADATA count");
    if (count == 0xFFFF) {
      return ColMetadata.NO_METADATA;
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int userType = wide() ? r.i32("COLMETADATA user type") : r.u16("COLMETADATA user type");
      int flags = r.u16("COLMETADATA flags");
      TypeInfo typeInfo = TypeInfo.decode(r);
      List<String> table = new ArrayList<>();
      if (Column.hasTableName(typeInfo.type())) {
        int parts = r.u8("COLMETADATA table name parts");
        for (int p = 0; p < parts; p++) {
          table.add(r.usVarchar("COLMETADATA table name"));
        }
      }
      columns.add(new Column(userType, flags, typeInfo, r.bVarchar("COLMETADATA column name"), table));
    }
    metadata = new ColMetadata(columns);
    return metadata;
  }

  private Row row(TokenType type, WireReader r, int at) throws TdsProtocolException {
    if (metadata == null || metadata.columns().isEmpty()) {
      throw r.error(type + " without a preceding COLMETADATA", at);
    }
    List<Column> columns = metadata.columns();
    byte[] nulls = type == TokenType.NBCROW
        ? r.bytes((columns.size() + 7) / 8, "NBCROW null bitmap") : null;
    List<Object> values = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      boolean isNull = nulls != null && (nulls[i / 8] & (1 << (i % 8))) != 0;
      values.add(isNull ? null : ValueCodec.decode(columns.get(i).typeInfo(), r));
    }
    return new Row(type, values);
  }

  private Order order(WireReader r) throws TdsProtocolException {
    int at = r.position();
    int length = r.u16("ORDER length");
    if (length % 2 != 0) {
      throw r.error("ORDER length " + length + " is odd (column numbers are 2 bytes)", at);
    }
    WireReader b = r.slice(length, "ORDER length");
    List<Integer> columns = new ArrayList<>();
    while (b.hasRemaining()) {
      columns.add(b.u16("ORDER column"));
    }
    return new Order(columns);
  }

  private FeatureExtAck featureExtAck(WireReader r) throws TdsProtocolException {
    List<FeatureExt> features = new ArrayList<>();
    while (true) {
      int id = r.u8("FEATUREEXTACK feature id");
      if (id == FeatureExt.TERMINATOR) {
        return new FeatureExtAck(features);
      }
      long length = r.u32("FEATUREEXTACK data length");
      features.add(new FeatureExt(id, r.bytes(length, "FEATUREEXTACK data")));
    }
  }

  private FedAuthInfo fedAuthInfo(WireReader b) throws TdsProtocolException {
    int base = b.position();
    int size = b.remaining();
    long count = b.u32("FEDAUTHINFO CountOfInfoIDs");
    if (count * 9 > b.remaining()) {
      throw b.error("FEDAUTHINFO CountOfInfoIDs " + count + " does not fit in " + size + " bytes", base);
    }
    String sts = "";
    String spn = "";
    for (int i = 0; i < count; i++) {
      int id = b.u8("FedAuthInfoID");
      long len = b.u32("FedAuthInfoDataLen");
      long offset = b.u32("FedAuthInfoDataOffset");
      if (offset < 4 + count * 9 || offset + len > size || len % 2 != 0) {
        throw b.error("FEDAUTHINFO item " + id + " (offset " + offset + ", " + len
            + " bytes) lies outside the token data of " + size + " bytes", b.position() - 4);
      }
      String value = new String(b.copyRange(base + (int) offset, base + (int) (offset + len)), StandardCharsets.UTF_16LE);
      if (id == FedAuthInfo.ID_STSURL) {
        sts = value;
      } else if (id == FedAuthInfo.ID_SPN) {
        spn = value;
      } // other ids are ignored, as [MS-TDS] allows
    }
    return new FedAuthInfo(sts, spn);
  }

  private SkippedToken skip(TokenType type, WireReader r, int at) throws TdsProtocolException {
    int start = r.position();
    switch (type) {
      case TABNAME:
      case COLINFO:
        r.skip(r.u16(type + " length"), type + " data");
        break;
      case SESSIONSTATE:
        r.skip(r.u32(type + " length"), type + " data");
        break;
      case OFFSET:
        r.skip(4, "OFFSET");
        break;
      case RETURNVALUE:
        returnValue(r);
        break;
      default:
        throw r.error(type + " cannot be skipped: its length is not known without interpreting"
            + " it, and this decoder does not support it", at);
    }
    return new SkippedToken(type, r.copyRange(start, r.position()));
  }

  private void returnValue(WireReader r) throws TdsProtocolException {
    r.u16("RETURNVALUE ordinal");
    r.bVarchar("RETURNVALUE name");
    r.u8("RETURNVALUE status");
    r.skip(wide() ? 4 : 2, "RETURNVALUE user type");
    r.u16("RETURNVALUE flags");
    ValueCodec.decode(TypeInfo.decode(r), r);
  }
}
