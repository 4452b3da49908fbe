package io.tdstls.server.diagnostic;

import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.TypeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The system views the diagnostic endpoint shows, each a few columns read from the live session:
 * {@code sys.dm_exec_connections} (seed 001's verification query), {@code sys.dm_exec_sessions},
 * {@code sys.databases}, {@code sys.configurations} (the options drivers look up), and
 * {@code tdstls.negotiation}, a name/value view of everything negotiated. Only this session's
 * rows are shown.
 */
final class SystemViews {

  /** A view: its columns, and its rows for a session. */
  record View(List<ResultColumn> columns, Function<Scope, List<List<Object>>> rows) {}

  /** A column read from the session. */
  private record Column(TypeInfo type, Function<Scope, Object> value) {}

  private static final Map<String, View> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put("sys.dm_exec_connections", oneRow(connectionColumns()));
    VIEWS.put("sys.dm_exec_sessions", oneRow(sessionColumns()));
    VIEWS.put("sys.databases", databases());
    VIEWS.put("dbo.sysdatabases", VIEWS.get("sys.databases")); // the SQL Server 2000 name, still queried
    VIEWS.put("sys.sysdatabases", VIEWS.get("sys.databases"));
    VIEWS.put("sys.configurations", configurations());
    VIEWS.put("tdstls.negotiation", new View(
        List.of(new ResultColumn("name", SqlValue.NVARCHAR_128), new ResultColumn("value", SqlValue.NVARCHAR_4000)),
        s -> {
          List<List<Object>> rows = new ArrayList<>();
          NegotiationView.of(s.facts()).forEach((k, v) -> rows.add(List.of(k, v)));
          return rows;
        }));
  }

  private SystemViews() {}

  /**
   * The view an object name names ({@code sys.databases}, {@code master.sys.databases},
   * {@code [sys].[databases]}), or null.
   */
  static View named(String object) {
    String name = object.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    View v = VIEWS.get(name);
    if (v == null && name.indexOf('.') != name.lastIndexOf('.')) {
      v = VIEWS.get(name.substring(name.indexOf('.') + 1));
    }
    return v;
  }

  /** A column of {@code sys.dm_exec_connections} (for {@code CONNECTIONPROPERTY}), or null. */
  static Object connectionValue(SessionFacts facts, String column) {
    Column c = connectionColumns().get(column);
    return c == null ? null : c.value.apply(Scope.of(facts));
  }

  private static View oneRow(Map<String, Column> columns) {
    List<ResultColumn> meta = new ArrayList<>();
    columns.forEach((name, c) -> meta.add(new ResultColumn(name, c.type)));
    return new View(meta, s -> {
      List<Object> row = new ArrayList<>();
      columns.values().forEach(c -> row.add(c.value.apply(s)));
      return List.of(row);
    });
  }

  private static Map<String, Column> connectionColumns() {
    Map<String, Column> c = new LinkedHashMap<>();
    c.put("session_id", new Column(SqlValue.INT, s -> s.facts().spid()));
    c.put("net_transport", new Column(SqlValue.nvarcharType(40), s -> "TCP"));
    c.put("protocol_type", new Column(SqlValue.nvarcharType(40), s -> "TSQL"));
    // SQL Server reports strict (TDS 8.0) sessions as 7.4 in this view.
    c.put("protocol_version", new Column(SqlValue.INT, s -> TdsVersion.V7_4.code()));
    c.put("encrypt_option", new Column(SqlValue.nvarcharType(40),
        s -> DiagnosticSql.reportsEncrypted(s.facts().security().outcome()) ? "TRUE" : "FALSE"));
    c.put("auth_scheme", new Column(SqlValue.nvarcharType(40), s -> s.facts().auth().authScheme()));
    c.put("net_packet_size", new Column(SqlValue.INT, s -> s.facts().packetSize()));
    c.put("client_net_address", new Column(SqlValue.nvarcharType(48), s -> s.facts().client().getAddress().getHostAddress()));
    c.put("client_tcp_port", new Column(SqlValue.INT, s -> s.facts().client().getPort()));
    c.put("local_net_address", new Column(SqlValue.nvarcharType(48), s -> s.facts().local().getAddress().getHostAddress()));
    c.put("local_tcp_port", new Column(SqlValue.INT, s -> s.facts().local().getPort()));
    c.put("physical_net_transport", new Column(SqlValue.nvarcharType(40), s -> "TCP"));
    return c;
  }

  private static Map<String, Column> sessionColumns() {
    Map<String, Column> c = new LinkedHashMap<>();
    c.put("session_id", new Column(SqlValue.SMALLINT, s -> (short) s.facts().spid()));
    c.put("login_name", new Column(SqlValue.NVARCHAR_128, s -> s.facts().login().userName()));
    c.put("host_name", new Column(SqlValue.NVARCHAR_128, s -> s.facts().login().hostName()));
    c.put("program_name", new Column(SqlValue.NVARCHAR_128, s -> s.facts().login().appName()));
    c.put("client_interface_name", new Column(SqlValue.nvarcharType(32), s -> s.facts().login().clientInterfaceName()));
    c.put("status", new Column(SqlValue.nvarcharType(30), s -> "running"));
    c.put("database_id", new Column(SqlValue.SMALLINT, s -> Databases.idOf(s.state(), s.state().database()).shortValue()));
    c.put("language", new Column(SqlValue.NVARCHAR_128, s -> s.state().language()));
    c.put("date_format", new Column(SqlValue.nvarcharType(3), s -> s.state().dateFormat()));
    c.put("date_first", new Column(SqlValue.SMALLINT, s -> (short) s.state().dateFirst()));
    c.put("text_size", new Column(SqlValue.INT, s -> s.state().textSize()));
    c.put("lock_timeout", new Column(SqlValue.INT, s -> s.state().lockTimeout()));
    c.put("transaction_isolation_level", new Column(SqlValue.SMALLINT, s -> (short) s.state().isolationLevel()));
    c.put("open_transaction_count", new Column(SqlValue.INT, s -> s.state().transactions().count()));
    for (SessionOption o : List.of(SessionOption.QUOTED_IDENTIFIER, SessionOption.ARITHABORT, SessionOption.ANSI_NULL_DFLT_ON,
        SessionOption.ANSI_WARNINGS, SessionOption.ANSI_PADDING, SessionOption.ANSI_NULLS, SessionOption.CONCAT_NULL_YIELDS_NULL)) {
      c.put(o.name().toLowerCase(Locale.ROOT), new Column(SqlValue.BIT, s -> s.state().isOn(o)));
    }
    return c;
  }

  private static View databases() {
    List<ResultColumn> columns = List.of(
        new ResultColumn("name", SqlValue.NVARCHAR_128),
        new ResultColumn("database_id", SqlValue.INT),
        new ResultColumn("compatibility_level", SqlValue.TINYINT),
        new ResultColumn("collation_name", SqlValue.NVARCHAR_128),
        new ResultColumn("user_access_desc", SqlValue.nvarcharType(60)),
        new ResultColumn("is_read_only", SqlValue.BIT),
        new ResultColumn("state_desc", SqlValue.nvarcharType(60)),
        new ResultColumn("recovery_model_desc", SqlValue.nvarcharType(60)),
        new ResultColumn("snapshot_isolation_state", SqlValue.TINYINT),
        new ResultColumn("is_read_committed_snapshot_on", SqlValue.BIT));
    return new View(columns, s -> {
      List<List<Object>> rows = new ArrayList<>();
      List<String> names = Databases.names(s.state());
      for (int i = 0; i < names.size(); i++) {
        rows.add(List.of(names.get(i), i + 1, (short) Properties.compatibilityLevel(), Properties.COLLATION, "MULTI_USER",
            false, "ONLINE", names.get(i).equals("tempdb") ? "SIMPLE" : "FULL", (short) 0, false));
      }
      return rows;
    });
  }

  private static View configurations() {
    List<ResultColumn> columns = List.of(
        new ResultColumn("configuration_id", SqlValue.INT),
        new ResultColumn("name", SqlValue.sysname("").type()),
        new ResultColumn("value", SqlValue.INT),
        new ResultColumn("minimum", SqlValue.INT),
        new ResultColumn("maximum", SqlValue.INT),
        new ResultColumn("value_in_use", SqlValue.INT),
        new ResultColumn("description", SqlValue.nvarcharType(255)),
        new ResultColumn("is_dynamic", SqlValue.BIT),
        new ResultColumn("is_advanced", SqlValue.BIT));
    List<List<Object>> rows = List.of(
        List.of(101, "recovery interval (min)", 0, 0, 32767, 0, "Maximum recovery interval in minutes", true, true),
        List.of(102, "allow updates", 0, 0, 1, 0, "Allow updates to system tables", true, false),
        List.of(103, "user connections", 0, 0, 32767, 0, "Number of user connections allowed", false, true),
        List.of(1534, "user options", 0, 0, 32767, 0, "user options", true, false),
        List.of(1544, "max server memory (MB)", Integer.MAX_VALUE, 128, Integer.MAX_VALUE, Integer.MAX_VALUE,
            "Maximum size of server memory (MB)", true, true),
        List.of(1566, "remote login timeout (s)", 10, 0, Integer.MAX_VALUE, 10,
            "remote login timeout", true, false),
        List.of(1568, "remote query timeout (s)", 600, 0, Integer.MAX_VALUE, 600,
            "remote query timeout", true, false),
        List.of(1576, "remote admin connections", 0, 0, 1, 0, "Dedicated Admin Connections are allowed from remote clients",
            true, false),
        List.of(1579, "contained database authentication", 0, 0, 1, 0, "Enables contained databases and contained authentication",
            true, false),
        List.of(16387, "SMO and DMO XPs", 1, 0, 1, 1, "Enable or disable SMO and DMO XPs", true, true));
    return new View(columns, s -> rows);
  }
}
