package io.tdstls.protocol.token;

import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.ValueCodec;
import io.tdstls.protocol.types.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes {@link Token}s into a tabular result payload (server side), the inverse of {@link
 * TokenDecoder}.
 *
 * <p>Stateful: ROW and NBCROW are written with the columns of the last COLMETADATA this encoder
 * wrote, kept across calls. Use one encoder per connection.
 *
 * <pre>{@code
 * TokenEncoder enc = new TokenEncoder(TdsVersion.V7_4);
 * byte[] loginResponse = enc.encode(List.of(
 *     new EnvChange.Text(EnvChangeType.DATABASE, "master", ""),
 *     EnvChange.Binary.collation(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS),
 *     new LoginAck(1, TdsVersion.V7_4.code(), "tds-tls", 1, 0, 0),
 *     new EnvChange.Text(EnvChangeType.PACKET_SIZE, "4096", "4096"),
 *     Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0)));
 * }</pre>
 */
public final class TokenEncoder {

  private final TdsVersion version;
  private ColMetadata metadata;

  /**
   * Creates an encoder for a TDS version (it sets the width of DONE row counts, ERROR line
   * numbers and COLMETADATA user types).
   *
   * @param version the version announced in LOGINACK
   */
  public TokenEncoder(TdsVersion version) {
    this.version = version;
  }

  /**
   * Encodes tokens, in order.
   *
   * @param tokens the tokens
   * @return the payload
   * @throws IllegalArgumentException if a row does not match the current COLMETADATA (count or
   *     value types), or a field does not fit its wire width
   * @throws IllegalStateException if a row comes before any COLMETADATA
   */
  public byte[] encode(List<? extends Token> tokens) {
    WireWriter w = new WireWriter();
    for (Token t : tokens) {
      write(t, w);
    }
    return w.toByteArray();
  }

  /**
   * Encodes tokens, in order.
   *
   * @param tokens the tokens
   * @return the payload
   * @throws IllegalArgumentException if a row does not match the current COLMETADATA
   * @throws IllegalStateException if a row comes before any COLMETADATA
   */
  public byte[] encode(Token... tokens) {
    return encode(Arrays.asList(tokens));
  }

  private boolean wide() {
    return version.isAtLeast(TdsVersion.V7_2);
  }

  private void write(Token t, WireWriter w) {
    w.u8(t.type().code());
    if (t instanceof LoginAck a) {
      int at = lengthField(w);
      w.u8(a.interfaceType()).i32be(a.tdsVersionCode()).bVarchar(a.progName());
      w.u8(a.majorVersion()).u8(a.minorVersion()).u8(a.buildNumber() >>> 8).u8(a.buildNumber());
      patchLength(w, at);
    } else if (t instanceof EnvChange e) {
      int at = lengthField(w);
      EnvChangeCodec.encode(e, w);
      patchLength(w, at);
    } else if (t instanceof ServerMessage m) {
      int at = lengthField(w);
      w.i32(m.number()).u8(m.state()).u8(m.severity()).usVarchar(m.message());
      w.bVarchar(m.serverName()).bVarchar(m.procName());
      if (wide()) {
        w.i32(m.lineNumber());
      } else {
        w.u16(m.lineNumber());
      }
      patchLength(w, at);
    } else if (t instanceof Done d) {
      w.u16(d.status()).u16(d.curCmd());
      w.unsigned(d.rowCount(), wide() ? 8 : 4);
    } else if (t instanceof ColMetadata c) {
      colMetadata(c, w);
    } else if (t instanceof Row r) {
      row(r, w);
    } else if (t instanceof Order o) {
      w.u16(2 * o.columnNumbers().size());
      o.columnNumbers().forEach(w::u16);
    } else if (t instanceof ReturnStatus s) {
      w.i32(s.value());
    } else if (t instanceof ReturnValue v) {
      returnValue(v, w);
    } else if (t instanceof FeatureExtAck f) {
      for (FeatureExt x : f.features()) {
        w.u8(x.id()).i32(x.data().length).bytes(x.data());
      }
      w.u8(FeatureExt.TERMINATOR);
    } else if (t instanceof SspiToken s) {
      w.u16(s.data().length).bytes(s.data());
    } else if (t instanceof FedAuthInfo f) {
      fedAuthInfo(f, w);
    } else {
      w.bytes(((SkippedToken) t).data());
    }
  }

  private void colMetadata(ColMetadata c, WireWriter w) {
    if (c.columns().isEmpty()) {
      w.u16(0xFFFF);
      return;
    }
    w.u16(c.columns().size());
    for (Column col : c.columns()) {
      if (wide()) {
        w.i32(col.userType());
      } else {
        w.u16(col.userType());
      }
      w.u16(col.flags());
      col.typeInfo().encode(w);
      if (Column.hasTableName(col.typeInfo().type())) {
        w.u8(col.tableName().size());
        col.tableName().forEach(w::usVarchar);
      }
      w.bVarchar(col.name());
    }
    metadata = c;
  }

  private void returnValue(ReturnValue v, WireWriter w) {
    w.u16(v.ordinal()).bVarchar(v.name()).u8(ReturnValue.STATUS_OUTPUT);
    if (wide()) {
      w.i32(0);
    } else {
      w.u16(0);
    }
    w.u16(Column.FLAG_NULLABLE);
    v.typeInfo().encode(w);
    ValueCodec.encode(v.typeInfo(), v.value(), w);
  }

  private void row(Row r, WireWriter w) {
    if (metadata == null) {
      throw new IllegalStateException("a " + r.type() + " needs a COLMETADATA first");
    }
    List<Column> columns = metadata.columns();
    if (r.values().size() != columns.size()) {
      throw new IllegalArgumentException("the row has " + r.values().size() + " values but the"
          + " COLMETADATA has " + columns.size() + " columns");
    }
    if (r.type() == TokenType.NBCROW) {
      byte[] bitmap = new byte[(columns.size() + 7) / 8];
      for (int i = 0; i < columns.size(); i++) {
        if (r.values().get(i) == null) {
          bitmap[i / 8] |= (byte) (1 << (i % 8));
        }
      }
      w.bytes(bitmap);
    }
    for (int i = 0; i < columns.size(); i++) {
      Object v = r.values().get(i);
      if (v != null || r.type() == TokenType.ROW) {
        ValueCodec.encode(columns.get(i).typeInfo(), v, w);
      }
    }
  }

  private static void fedAuthInfo(FedAuthInfo f, WireWriter w) {
    byte[] spn = f.spn().getBytes(StandardCharsets.UTF_16LE);
    byte[] sts = f.stsUrl().getBytes(StandardCharsets.UTF_16LE);
    int data = 4 + 2 * 9; // CountOfInfoIDs and two FedAuthInfoOpt
    w.i32(data + spn.length + sts.length).i32(2);
    w.u8(FedAuthInfo.ID_SPN).i32(spn.length).i32(data);
    w.u8(FedAuthInfo.ID_STSURL).i32(sts.length).i32(data + spn.length);
    w.bytes(spn).bytes(sts);
  }

  private static int lengthField(WireWriter w) {
    int at = w.position();
    w.u16(0);
    return at;
  }

  private static void patchLength(WireWriter w, int at) {
    int length = w.position() - at - 2;
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("token body of " + length + " bytes exceeds its 16-bit length");
    }
    w.patchU16(at, length);
  }
}
