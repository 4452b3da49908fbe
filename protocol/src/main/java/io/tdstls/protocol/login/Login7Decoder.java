package io.tdstls.protocol.login;

import static io.tdstls.protocol.login.Login7Layout.*;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.types.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a LOGIN7 payload. The declared total length bounds everything: each offset/length pair
 * must describe bytes after the fixed part and inside that length.
 */
final class Login7Decoder {

  private static final String WHAT = "LOGIN7";

  private final byte[] p;
  private final WireReader r;
  private int fixedSize;
  private int length;

  private Login7Decoder(byte[] payload) {
    this.p = payload;
    this.r = new WireReader(WHAT, payload);
  }

  static Login7 decode(byte[] payload) throws TdsProtocolException {
    return new Login7Decoder(payload).run();
  }

  private Login7 run() throws TdsProtocolException {
    long declared = r.u32("Length");
    if (declared > p.length) {
      throw new TdsProtocolException(WHAT, "Length declares " + declared + " bytes but the payload"
          + " has " + p.length, LENGTH);
    }
    length = (int) declared;
    if (length < FIXED_SIZE_71) {
      throw new TdsProtocolException(WHAT, "Length " + length + " is shorter than the "
          + FIXED_SIZE_71 + "-byte fixed part", LENGTH);
    }
    r.limitTo(length, "Length");
    fixedSize = hasTds72Tail() ? FIXED_SIZE : FIXED_SIZE_71;
    Login7Builder b = Login7.builder();
    b.tdsVersionCode(r.i32("TDSVersion")).packetSize(r.i32("PacketSize"))
        .clientProgVersion(r.i32("ClientProgVer")).clientPid(r.i32("ClientPID"))
        .connectionId(r.i32("ConnectionID"));
    b.optionFlags1(r.u8("OptionFlags1")).optionFlags2(r.u8("OptionFlags2"))
        .typeFlags(r.u8("TypeFlags"));
    int flags3 = r.u8("OptionFlags3");
    b.optionFlags3(flags3);
    b.clientTimeZone(r.i32("ClientTimeZone")).clientLcid(r.i32("ClientLCID"));
    b.hostName(text(HOST_NAME, "HostName")).userName(text(USER_NAME, "UserName"));
    b.password(PasswordObfuscation.deobfuscate(bytes(PASSWORD, 2, "Password")));
    b.appName(text(APP_NAME, "AppName")).serverName(text(SERVER_NAME, "ServerName"));
    b.clientInterfaceName(text(CLIENT_INTERFACE, "CltIntName"));
    b.language(text(LANGUAGE, "Language")).database(text(DATABASE, "Database"));
    b.clientId(Arrays.copyOfRange(p, CLIENT_ID, CLIENT_ID + 6));
    b.sspi(sspi());
    b.attachDbFile(text(ATTACH_DB_FILE, "AtchDBFile"));
    if (fixedSize == FIXED_SIZE) {
      b.changePassword(PasswordObfuscation.deobfuscate(bytes(CHANGE_PASSWORD, 2, "ChangePassword")));
    }
    if ((flags3 & Login7.OPTION3_EXTENSION) != 0) {
      b.featureExt(features());
    } else {
      bytes(EXTENSION, 1, "Extension"); // pre-7.4 "unused" slot: bounds-checked, ignored
    }
    return b.build();
  }

  /** TDS 7.2+ adds ChangePassword and cbSSPILong: the variable data then starts at 94 or later. */
  private boolean hasTds72Tail() {
    if (length < FIXED_SIZE) {
      return false;
    }
    int minOffset = Integer.MAX_VALUE;
    for (int slot = HOST_NAME; slot <= DATABASE; slot += 4) {
      if (u16(slot + 2) > 0) {
        minOffset = Math.min(minOffset, u16(slot));
      }
    }
    for (int slot : new int[] {SSPI, ATTACH_DB_FILE}) {
      if (u16(slot + 2) > 0) {
        minOffset = Math.min(minOffset, u16(slot));
      }
    }
    return minOffset >= FIXED_SIZE;
  }

  private String text(int slot, String field) throws TdsProtocolException {
    byte[] b = bytes(slot, 2, field);
    return new String(b, StandardCharsets.UTF_16LE);
  }

  private byte[] bytes(int slot, int unit, String field) throws TdsProtocolException {
    return slice(u16(slot), (long) u16(slot + 2) * unit, slot, field);
  }

  private byte[] slice(int offset, long size, int slot, String field) throws TdsProtocolException {
    if (size == 0) {
      return new byte[0];
    }
    if (offset < fixedSize) {
      throw new TdsProtocolException(WHAT, field + " offset " + offset + " points into the "
          + fixedSize + "-byte fixed part", slot);
    }
    if (offset + size > length) {
      throw new TdsProtocolException(WHAT, field + " (offset " + offset + ", " + size
          + " bytes) runs past the declared length " + length, slot);
    }
    return Arrays.copyOfRange(p, offset, offset + (int) size);
  }

  private byte[] sspi() throws TdsProtocolException {
    long size = u16(SSPI + 2);
    if (size == 0xFFFF && fixedSize == FIXED_SIZE) {
      long longSize = r.u32at(SSPI_LONG);
      if (longSize > 0) {
        size = longSize;
      }
    }
    return slice(u16(SSPI), size, SSPI, "SSPI");
  }

  private List<FeatureExt> features() throws TdsProtocolException {
    int cb = u16(EXTENSION + 2);
    if (cb < 4) {
      throw new TdsProtocolException(WHAT, "fExtension is set but cbExtension is " + cb
          + " (the extension is a 4-byte offset)", EXTENSION + 2);
    }
    byte[] pointer = slice(u16(EXTENSION), 4, EXTENSION, "Extension");
    long at = (pointer[0] & 0xFF) | (pointer[1] & 0xFF) << 8 | (pointer[2] & 0xFF) << 16
        | (long) (pointer[3] & 0xFF) << 24;
    if (at < fixedSize || at >= length) {
      throw new TdsProtocolException(WHAT, "the FeatureExt offset " + at + " is outside the"
          + " variable data (" + fixedSize + ".." + length + ")", u16(EXTENSION));
    }
    r.seek((int) at, "FeatureExt offset");
    List<FeatureExt> out = new ArrayList<>();
    while (true) {
      int id = r.u8("FeatureId");
      if (id == FeatureExt.TERMINATOR) {
        return out;
      }
      long n = r.u32("FeatureDataLen");
      out.add(new FeatureExt(id, r.bytes(n, "FeatureData")));
    }
  }

  private int u16(int at) {
    return (p[at] & 0xFF) | (p[at + 1] & 0xFF) << 8;
  }
}
