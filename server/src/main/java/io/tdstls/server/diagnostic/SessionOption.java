package io.tdstls.server.diagnostic;

import java.util.Locale;

/** The session options {@code SET} changes and {@code @@OPTIONS} reports, with their bits. */
enum SessionOption {
  DISABLE_DEF_CNST_CHK(1),
  IMPLICIT_TRANSACTIONS(2),
  CURSOR_CLOSE_ON_COMMIT(4),
  ANSI_WARNINGS(8),
  ANSI_PADDING(16),
  ANSI_NULLS(32),
  ARITHABORT(64),
  ARITHIGNORE(128),
  QUOTED_IDENTIFIER(256),
  NOCOUNT(512),
  ANSI_NULL_DFLT_ON(1024),
  ANSI_NULL_DFLT_OFF(2048),
  CONCAT_NULL_YIELDS_NULL(4096),
  NUMERIC_ROUNDABORT(8192),
  XACT_ABORT(16384);

  /** What {@code SET ANSI_DEFAULTS ON} turns on (and OFF turns off). */
  static final int ANSI_DEFAULTS = ANSI_NULLS.bit | ANSI_NULL_DFLT_ON.bit | ANSI_PADDING.bit | ANSI_WARNINGS.bit
      | CURSOR_CLOSE_ON_COMMIT.bit | IMPLICIT_TRANSACTIONS.bit | QUOTED_IDENTIFIER.bit;

  /**
   * What a login from an ODBC, OLE DB or ADO.NET driver starts with (LOGIN7 fODBC, or the SET
   * batch the others send): ANSI_WARNINGS, ANSI_PADDING, ANSI_NULLS, QUOTED_IDENTIFIER,
   * ANSI_NULL_DFLT_ON and CONCAT_NULL_YIELDS_NULL, which SQL Server reports as 5432.
   */
  static final int DRIVER_DEFAULTS = ANSI_WARNINGS.bit | ANSI_PADDING.bit | ANSI_NULLS.bit | QUOTED_IDENTIFIER.bit
      | ANSI_NULL_DFLT_ON.bit | CONCAT_NULL_YIELDS_NULL.bit;

  final int bit;

  SessionOption(int bit) {
    this.bit = bit;
  }

  /** The option a SET keyword names, or null. */
  static SessionOption named(String keyword) {
    String k = keyword.toUpperCase(Locale.ROOT);
    for (SessionOption o : values()) {
      if (o.name().equals(k)) {
        return o;
      }
    }
    return null;
  }
}
