package io.tdstls.protocol.login;

import static io.tdstls.protocol.login.Login7Layout.*;

import io.tdstls.protocol.types.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link Login7}: the fixed part, then the variable data in specification order, except
 * that SSPI comes after ChangePassword (offsets are explicit, and a blob larger than 64 KiB must
 * not push the later 16-bit offsets out of range), then the FeatureExt block.
 */
final class Login7Encoder {

  private final WireWriter w = new WireWriter();

  private Login7Encoder() {}

  static byte[] encode(Login7 l) {
    return new Login7Encoder().run(l);
  }

  private byte[] run(Login7 l) {
    w.i32(0); // length, patched at the end
    w.i32(l.tdsVersionCode()).i32(l.packetSize()).i32(l.clientProgVersion()).i32(l.clientPid())
        .i32(l.connectionId());
    w.u8(l.optionFlags1()).u8(l.optionFlags2()).u8(l.typeFlags()).u8(l.optionFlags3());
    w.i32(l.clientTimeZone()).i32(l.clientLcid());
    w.bytes(new byte[CLIENT_ID + 6 - HOST_NAME]); // offsets and client id, patched below
    w.bytes(new byte[FIXED_SIZE - SSPI]);
    text(HOST_NAME, l.hostName(), "host name");
    text(USER_NAME, l.userName(), "user name");
    data(PASSWORD, PasswordObfuscation.obfuscate(l.password()), l.password().length(), "password");
    text(APP_NAME, l.appName(), "app name");
    text(SERVER_NAME, l.serverName(), "server name");
    int featureOffsetAt = -1;
    if (l.hasExtension()) {
      featureOffsetAt = w.position();
      data(EXTENSION, new byte[4], 4, "extension");
    } else {
      data(EXTENSION, new byte[0], 0, "extension");
    }
    text(CLIENT_INTERFACE, l.clientInterfaceName(), "client interface name");
    text(LANGUAGE, l.language(), "language");
    text(DATABASE, l.database(), "database");
    w.patchBytes(CLIENT_ID, l.clientId());
    text(ATTACH_DB_FILE, l.attachDbFile(), "attach DB file");
    byte[] newPassword = PasswordObfuscation.obfuscate(l.changePassword());
    data(CHANGE_PASSWORD, newPassword, l.changePassword().length(), "change password");
    writeSspi(l.sspi()); // last of the 16-bit-offset fields, so that a large SSPI blob fits
    if (featureOffsetAt >= 0) {
      w.patchI32(featureOffsetAt, w.position());
      for (FeatureExt f : l.featureExt()) {
        w.u8(f.id()).i32(f.data().length).bytes(f.data());
      }
      w.u8(FeatureExt.TERMINATOR);
    }
    w.patchI32(LENGTH, w.position());
    return w.toByteArray();
  }

  private void text(int slot, String value, String field) {
    data(slot, value.getBytes(StandardCharsets.UTF_16LE), value.length(), field);
  }

  private void data(int slot, byte[] bytes, int count, String field) {
    int offset = w.position();
    if (offset > 0xFFFF || count > 0xFFFF) {
      throw new IllegalArgumentException("LOGIN7 " + field + " does not fit: offsets and lengths"
          + " are 16-bit; shorten the text fields");
    }
    w.patchU16(slot, offset);
    w.patchU16(slot + 2, count);
    w.bytes(bytes);
  }

  private void writeSspi(byte[] sspi) {
    int offset = w.position();
    if (offset > 0xFFFF) {
      throw new IllegalArgumentException("LOGIN7 SSPI does not fit: offsets are 16-bit");
    }
    w.patchU16(SSPI, offset);
    if (sspi.length >= 0xFFFF) {
      w.patchU16(SSPI + 2, 0xFFFF);
      w.patchI32(SSPI_LONG, sspi.length);
    } else {
      w.patchU16(SSPI + 2, sspi.length);
    }
    w.bytes(sspi);
  }
}
