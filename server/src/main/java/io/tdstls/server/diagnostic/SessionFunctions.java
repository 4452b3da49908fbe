package io.tdstls.server.diagnostic;

import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The function table of the diagnostic endpoint: every {@code @@} function SQL Server documents,
 * the niladic ones ({@code SYSTEM_USER}, {@code CURRENT_TIMESTAMP}...), and the functions drivers
 * and tools call at connect ({@code DB_NAME()}, {@code SUSER_SNAME()}, {@code SCHEMA_NAME()},
 * {@code SERVERPROPERTY}, {@code SESSIONPROPERTY}, {@code DATABASEPROPERTYEX},
 * {@code CONNECTIONPROPERTY}...), each answered from the live session. Counters this endpoint does
 * not keep ({@code @@CPU_BUSY}, {@code @@PACK_SENT}...) are 0. The property functions return
 * {@code sql_variant} in SQL Server; here numbers are int and text nvarchar, which is how clients
 * read them.
 */
final class SessionFunctions {

  /** The {@code @@MICROSOFTVERSION} of SQL Server 16.0.1000: major << 24 | minor << 16 | build. */
  static final int MICROSOFT_VERSION = 16 << 24 | 1000;

  private static final Map<String, Function<Scope, SqlValue>> NILADIC = new HashMap<>();
  private static final Map<String, BiFunction<Scope, List<SqlValue>, SqlValue>> CALLS = new HashMap<>();

  static {
    niladic("@@version", s -> SqlValue.text(DiagnosticSql.VERSION_TEXT));
    niladic("@@spid", s -> SqlValue.smallint(s.facts().spid()));
    niladic("@@servername", s -> SqlValue.sysname(s.facts().serverName()));
    niladic("@@servicename", s -> SqlValue.sysname("MSSQLSERVER"));
    niladic("@@language", s -> SqlValue.sysname(s.state().language()));
    niladic("@@langid", s -> SqlValue.smallint(0));
    niladic("@@max_precision", s -> SqlValue.tinyint(38));
    niladic("@@microsoftversion", s -> SqlValue.integer(MICROSOFT_VERSION));
    niladic("@@options", s -> SqlValue.integer(s.state().options()));
    niladic("@@textsize", s -> SqlValue.integer(s.state().textSize()));
    niladic("@@datefirst", s -> SqlValue.tinyint(s.state().dateFirst()));
    niladic("@@lock_timeout", s -> SqlValue.integer(s.state().lockTimeout()));
    niladic("@@trancount", s -> SqlValue.integer(s.state().transactions().count()));
    niladic("@@rowcount", s -> SqlValue.integer(s.state().rowCount()));
    niladic("@@error", s -> SqlValue.integer(s.state().lastError()));
    niladic("@@nestlevel", s -> SqlValue.integer(0));
    niladic("@@procid", s -> SqlValue.integer(0));
    niladic("@@cursor_rows", s -> SqlValue.integer(0));
    niladic("@@fetch_status", s -> SqlValue.integer(-1));
    niladic("@@identity", s -> new SqlValue(TypeInfo.decimal(TdsType.NUMERICN, 38, 0), null));
    niladic("@@dbts", s -> SqlValue.varbinary(new byte[8], 8));
    niladic("@@remserver", s -> SqlValue.sysname(null));
    niladic("@@max_connections", s -> SqlValue.integer(32767));
    niladic("@@timeticks", s -> SqlValue.integer(31250));
    for (String counter : List.of("@@connections", "@@cpu_busy", "@@idle", "@@io_busy", "@@pack_received",
        "@@pack_sent", "@@packet_errors", "@@total_errors", "@@total_read", "@@total_write")) {
      niladic(counter, s -> SqlValue.integer(0));
    }
    for (String user : List.of("system_user", "current_user", "session_user", "user")) {
      niladic(user, s -> SqlValue.sysname(s.facts().login().userName()));
    }
    niladic("current_timestamp", s -> now());

    call("db_name", (s, a) -> a.isEmpty() ? SqlValue.sysname(s.state().database())
        : SqlValue.sysname(Databases.nameOf(s.state(), intArg(a, 0))));
    call("db_id", (s, a) -> SqlValue.smallint(Databases.idOf(s.state(), a.isEmpty() ? s.state().database() : a.get(0).asText())));
    for (String user : List.of("suser_name", "suser_sname", "user_name", "original_login")) {
      call(user, (s, a) -> SqlValue.sysname(s.facts().login().userName()));
    }
    call("suser_id", (s, a) -> SqlValue.integer(1));
    call("user_id", (s, a) -> SqlValue.integer(1));
    call("schema_name", (s, a) -> SqlValue.sysname(a.isEmpty() || intArg(a, 0) == 1 ? "dbo" : null));
    call("schema_id", (s, a) -> SqlValue.integer(a.isEmpty() || "dbo".equalsIgnoreCase(a.get(0).asText()) ? 1 : null));
    call("app_name", (s, a) -> SqlValue.sysname(s.facts().login().appName()));
    call("host_name", (s, a) -> SqlValue.sysname(s.facts().login().hostName()));
    call("getdate", (s, a) -> now());
    call("sysdatetime", (s, a) -> now());
    call("getutcdate", (s, a) -> new SqlValue(TypeInfo.of(TdsType.DATETIMN, 8), LocalDateTime.now(ZoneOffset.UTC)));
    call("xact_state", (s, a) -> SqlValue.smallint(s.state().transactions().count() > 0 ? 1 : 0));
    call("scope_identity", (s, a) -> new SqlValue(TypeInfo.decimal(TdsType.NUMERICN, 38, 0), null));
    call("isnull", (s, a) -> a.size() == 2 && a.get(0).isNull() ? a.get(1) : a.isEmpty() ? null : a.get(0));
    call("serverproperty", (s, a) -> a.size() == 1 ? Properties.server(s, a.get(0).asText()) : null);
    call("sessionproperty", (s, a) -> a.size() == 1 ? Properties.session(s, a.get(0).asText()) : null);
    call("databasepropertyex", (s, a) -> a.size() == 2 ? Properties.database(s, a.get(0).asText(), a.get(1).asText()) : null);
    call("connectionproperty", (s, a) -> a.size() == 1 ? Properties.connection(s, a.get(0).asText()) : null);
  }

  private SessionFunctions() {}

  private static void niladic(String name, Function<Scope, SqlValue> f) {
    NILADIC.put(name, f);
  }

  private static void call(String name, BiFunction<Scope, List<SqlValue>, SqlValue> f) {
    CALLS.put(name, f);
  }

  /** Tells whether a name is a function this table knows (without arguments or called). */
  static boolean knows(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return NILADIC.containsKey(n) || CALLS.containsKey(n);
  }

  /** An {@code @@} function or niladic keyword, or null if unknown. */
  static SqlValue niladic(String name, Scope scope) {
    Function<Scope, SqlValue> f = NILADIC.get(name.toLowerCase(Locale.ROOT));
    return f == null ? null : f.apply(scope);
  }

  /** A function call, or null if the function or its arguments are not understood. */
  static SqlValue call(String name, List<SqlValue> args, Scope scope) {
    BiFunction<Scope, List<SqlValue>, SqlValue> f = CALLS.get(name.toLowerCase(Locale.ROOT));
    return f == null ? null : f.apply(scope, args);
  }

  private static int intArg(List<SqlValue> args, int i) {
    String t = args.get(i).asText();
    try {
      return t == null ? -1 : Integer.parseInt(t.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static SqlValue now() {
    return new SqlValue(TypeInfo.of(TdsType.DATETIMN, 8), LocalDateTime.now().withNano(0));
  }
}
