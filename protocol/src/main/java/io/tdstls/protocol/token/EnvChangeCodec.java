package io.tdstls.protocol.token;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.types.WireReader;
import io.tdstls.protocol.types.WireWriter;

/** Reads and writes the body of an ENVCHANGE token (after its length field). */
final class EnvChangeCodec {

  private EnvChangeCodec() {}

  static EnvChange decode(WireReader body) throws TdsProtocolException {
    int start = body.position();
    int code = body.u8("ENVCHANGE type");
    EnvChangeType type = EnvChangeType.fromCode(code);
    if (type == null || type.format() == EnvChangeType.Format.RAW) {
      return new EnvChange.Other(code, body.bytes(body.remaining(), "ENVCHANGE value"));
    }
    switch (type.format()) {
      case TEXT:
        return new EnvChange.Text(type, body.bVarchar("ENVCHANGE new value"),
            body.bVarchar("ENVCHANGE old value"));
      case BYTES:
        return new EnvChange.Binary(type, body.bVarbyte("ENVCHANGE new value"),
            body.bVarbyte("ENVCHANGE old value"));
      default: {
        int length = body.u16("routing data length");
        WireReader data = body.slice(length, "routing data length");
        int protocol = data.u8("routing protocol");
        int port = data.u16("routing port");
        String server = data.usVarchar("routing alternate server");
        if (data.hasRemaining()) {
          throw data.error("routing data has " + data.remaining() + " bytes after the server name");
        }
        int oldLength = body.u16("routing old value length");
        if (oldLength != 0) {
          throw body.error("routing old value has length " + oldLength + ", expected 0", start);
        }
        return new EnvChange.Routing(protocol, port, server);
      }
    }
  }

  static void encode(EnvChange e, WireWriter w) {
    w.u8(e.typeCode());
    if (e instanceof EnvChange.Text t) {
      w.bVarchar(t.newValue()).bVarchar(t.oldValue());
    } else if (e instanceof EnvChange.Binary b) {
      w.bVarbyte(b.newValue()).bVarbyte(b.oldValue());
    } else if (e instanceof EnvChange.Routing r) {
      w.u16(1 + 2 + 2 + 2 * r.alternateServer().length());
      w.u8(r.protocol()).u16(r.port()).usVarchar(r.alternateServer());
      w.u16(0);
    } else {
      w.bytes(((EnvChange.Other) e).data());
    }
  }
}
