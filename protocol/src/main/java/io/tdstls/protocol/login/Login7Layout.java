package io.tdstls.protocol.login;

/** Offsets of the LOGIN7 fixed part ([MS-TDS] 2.2.6.4), shared by the encoder and decoder. */
final class Login7Layout {

  static final int LENGTH = 0;
  static final int TDS_VERSION = 4;
  static final int PACKET_SIZE = 8;
  static final int CLIENT_PROG_VER = 12;
  static final int CLIENT_PID = 16;
  static final int CONNECTION_ID = 20;
  static final int OPTION_FLAGS1 = 24;
  static final int CLIENT_TIME_ZONE = 28;
  static final int CLIENT_LCID = 32;
  static final int HOST_NAME = 36;
  static final int USER_NAME = 40;
  static final int PASSWORD = 44;
  static final int APP_NAME = 48;
  static final int SERVER_NAME = 52;
  static final int EXTENSION = 56;
  static final int CLIENT_INTERFACE = 60;
  static final int LANGUAGE = 64;
  static final int DATABASE = 68;
  static final int CLIENT_ID = 72;
  static final int SSPI = 78;
  static final int ATTACH_DB_FILE = 82;
  static final int CHANGE_PASSWORD = 86;
  static final int SSPI_LONG = 90;
  /** Size of the fixed part of TDS 7.2 and later; TDS 7.0/7.1 clients stop at 86 bytes. */
  static final int FIXED_SIZE = 94;
  /** Size of the fixed part without ChangePassword and cbSSPILong (TDS 7.1 and earlier). */
  static final int FIXED_SIZE_71 = 86;

  private Login7Layout() {}
}
