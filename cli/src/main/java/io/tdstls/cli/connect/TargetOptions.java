package io.tdstls.cli.connect;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.config.ConnectionStrings;
import io.tdstls.client.config.FreeTdsConf;
import io.tdstls.error.TdsConfigException;
import io.tdstls.protocol.login.TdsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where {@code connect} goes and who logs in: flags, a connection string, or a freetds.conf
 * server. Explicit flags override what the connection string or freetds.conf says.
 */
public final class TargetOptions {

  /** The environment variable read for the password when {@code -P} is not given. */
  public static final String PASSWORD_ENV = "TDS_PASSWORD";

  @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Server host name or IP address.")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "TCP port (default 1433).")
  Integer port;

  @Option(names = {"-U", "--user"}, paramLabel = "USER", description = "SQL login name.")
  String user;

  @Option(names = {"-P", "--password"}, paramLabel = "PASSWORD",
      description = "Password; else the environment variable " + PASSWORD_ENV + ". Never printed.")
  String password;

  @Option(names = {"-d", "--database"}, paramLabel = "DB", description = "Initial database.")
  String database;

  @Option(names = "--tds-version", paramLabel = "7.1..7.4|8.0",
      description = "TDS version in LOGIN7 (default 7.4; strict always uses 8.0).")
  String tdsVersion;

  @Option(names = "--packet-size", paramLabel = "BYTES", description = "Packet size to request (512..32767).")
  Integer packetSize;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Time allowed for the TCP connect, and again for PRELOGIN, TLS and login (default 15).")
  Integer timeoutSeconds;

  @Option(names = "--query-timeout", paramLabel = "SECONDS",
      description = "Time a query may take; then it is cancelled (ATTENTION) and connect fails with exit code 4"
          + " (default: no limit).")
  Integer queryTimeoutSeconds;

  @Option(names = "--connection-string", paramLabel = "STR",
      description = "ADO.NET connection string or jdbc:sqlserver:// URL.")
  String connectionString;

  @Option(names = "--freetds-conf", paramLabel = "FILE", description = "freetds.conf to read --server from.")
  Path freeTdsConf;

  @Option(names = "--server", paramLabel = "NAME",
      description = "freetds.conf server name; without --freetds-conf the file is found as FreeTDS does"
          + " (FREETDSCONF, ~/.freetds.conf, /usr/local/etc/freetds.conf, /etc/freetds/freetds.conf).")
  String server;

  /** Creates empty options. */
  public TargetOptions() {}

  /**
   * Returns a builder from the chosen source with the explicit flags applied over it.
   *
   * @param env the environment variables, for {@value #PASSWORD_ENV}
   * @return the builder; its TLS settings are the source's
   * @throws TdsConfigException if the flags contradict each other or a value is invalid
   */
  public ConnectionConfig.Builder builder(Map<String, String> env) {
    ConnectionConfig.Builder b = source();
    if (host != null) {
      b.host(host);
    }
    if (port != null) {
      b.port(port);
    }
    if (user != null) {
      b.user(user);
    }
    String pw = password != null ? password : env.get(PASSWORD_ENV);
    if (pw != null) {
      b.password(pw.toCharArray());
    }
    if (database != null) {
      b.database(database);
    }
    if (packetSize != null) {
      b.packetSize(packetSize);
    }
    if (timeoutSeconds != null) {
      Duration t = Duration.ofSeconds(timeoutSeconds);
      b.connectTimeout(t).loginTimeout(t);
    }
    if (queryTimeoutSeconds != null) {
      b.queryTimeout(Duration.ofSeconds(queryTimeoutSeconds));
    }
    return b;
  }

  /**
   * Applies {@code --tds-version}, which must come after the TLS settings (8.0 needs strict).
   *
   * @param b the builder
   * @throws TdsConfigException if the version is not known
   */
  void applyTdsVersion(ConnectionConfig.Builder b) {
    if (tdsVersion != null) {
      b.tdsVersion(TdsVersion.parse(tdsVersion));
    }
  }

  private ConnectionConfig.Builder source() {
    if (connectionString != null && (server != null || freeTdsConf != null)) {
      throw new TdsConfigException("--connection-string and --server/--freetds-conf both name the server: give one");
    }
    if (connectionString != null) {
      return ConnectionStrings.builder(connectionString);
    }
    if (freeTdsConf != null && server == null) {
      throw new TdsConfigException("--freetds-conf needs --server NAME: the section to connect to");
    }
    if (server != null) {
      FreeTdsConf conf = freeTdsConf != null ? FreeTdsConf.load(freeTdsConf) : FreeTdsConf.fromEnvironment();
      return conf.forServer(server);
    }
    if (host == null) {
      throw new TdsConfigException("no server: give --host (-H), --connection-string, or --server NAME (freetds.conf)");
    }
    return ConnectionConfig.builder();
  }
}
