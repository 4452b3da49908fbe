package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import java.util.Objects;

/**
 * Reads the connection strings of Microsoft's drivers into a {@link ConnectionConfig}: ADO.NET
 * ({@code Server=db;Database=sales;Encrypt=strict}, Microsoft.Data.SqlClient semantics) and JDBC
 * URLs ({@code jdbc:sqlserver://db:1433;databaseName=sales;encrypt=strict}, mssql-jdbc
 * semantics).
 *
 * <pre>{@code
 * ConnectionConfig config = ConnectionStrings.parse(
 *     "Server=tcp:db.example.com,1433;Database=sales;Encrypt=strict", "app", password);
 * }</pre>
 *
 * <p>User and password may come from elsewhere (a vault, a prompt): {@link #parse(String, String,
 * char[])} takes them separately, and {@link #builder(String)} returns the builder for any other
 * change before {@code build()}.
 *
 * <h2>ADO.NET keys</h2>
 *
 * <p>Keys are case-insensitive; spaces inside a key count, as in SqlClient. Values may be quoted
 * in {@code '..'} or {@code ".."} (the quote doubled inside), which is how a value holds a {@code
 * ;}. Booleans are {@code true}/{@code false}/{@code yes}/{@code no}.
 *
 * <table>
 *   <caption>ADO.NET keys (SqlClient)</caption>
 *   <tr><th>key and synonyms</th><th>meaning</th></tr>
 *   <tr><td>Data Source, Server, Address, Addr, Network Address</td>
 *       <td>{@code [tcp:]host[\instance][,port]}; host may be {@code (local)}, {@code .},
 *       {@code localhost}, an IPv6 address ({@code [::1]} or {@code ::1})</td></tr>
 *   <tr><td>Initial Catalog, Database</td><td>initial database</td></tr>
 *   <tr><td>User ID, UID, User</td><td>SQL login</td></tr>
 *   <tr><td>Password, PWD</td><td>password</td></tr>
 *   <tr><td>Encrypt</td><td>{@code false}/{@code no}/{@code optional}, {@code true}/{@code
 *       yes}/{@code mandatory}, {@code strict}; tds-tls adds {@code off} (no encryption)</td></tr>
 *   <tr><td>TrustServerCertificate, Trust Server Certificate</td><td>skip certificate validation
 *       (through {@code TlsConfig.Builder.dangerous()}; refused with strict)</td></tr>
 *   <tr><td>HostNameInCertificate, Host Name In Certificate</td><td>name the certificate must
 *       carry</td></tr>
 *   <tr><td>ServerCertificate, Server Certificate</td><td>pinned certificate file</td></tr>
 *   <tr><td>Application Name, App</td><td>application name</td></tr>
 *   <tr><td>Workstation ID, WSID</td><td>workstation name</td></tr>
 *   <tr><td>Packet Size</td><td>512 to 32767</td></tr>
 *   <tr><td>Connect Timeout, Connection Timeout, Timeout</td><td>seconds for the whole
 *       connection: sets both the connect and the login timeout; 0 for no limit</td></tr>
 *   <tr><td>Command Timeout</td><td>seconds per read while a query runs; 0 for no limit</td></tr>
 *   <tr><td>Query Timeout, queryTimeout</td><td>seconds a query may take before it is cancelled
 *       with ATTENTION (an extension; the JDBC property's name); 0 for no limit</td></tr>
 *   <tr><td>TLS Provider</td><td>{@code jdk} (default) or {@code openssl}: the client's TLS
 *       implementation (an extension; JDBC {@code tlsProvider})</td></tr>
 *   <tr><td>TLS Session Resumption</td><td>{@code true} (default) or {@code false}: keep and
 *       resume TLS sessions (an extension; JDBC {@code tlsSessionResumption})</td></tr>
 * </table>
 *
 * <p>Accepted and ignored (they concern connection pools, which tds-tls does not have): Pooling,
 * Min Pool Size, Max Pool Size, Connection Lifetime, Load Balance Timeout, Persist Security Info,
 * Enlist. Any other key is an error.
 *
 * <h2>JDBC properties</h2>
 *
 * <p>{@code jdbc:sqlserver://host[\instance][:port][;property=value]*}, property names
 * case-insensitive, values in <code>{...}</code> may hold {@code ;}. IPv6 hosts go in brackets
 * ({@code jdbc:sqlserver://[::1]:1433}). Properties: serverName ({@code host[\instance]}),
 * portNumber/port, instanceName, databaseName/database, user/userName, password, encrypt,
 * trustServerCertificate, hostNameInCertificate, serverCertificate, trustStore,
 * trustStorePassword, trustStoreType ({@code PKCS12} or {@code JKS}), sslProtocol,
 * applicationName, workstationID, packetSize, loginTimeout (seconds, sets both the connect and
 * the login timeout), socketTimeout (milliseconds per read), queryTimeout (seconds a query may
 * take before it is cancelled with ATTENTION), clientCertificate, clientKey,
 * clientKeyPassword, tlsProvider ({@code jdk} or {@code openssl}), tlsSessionResumption.
 *
 * <p>{@code sslProtocol}: {@code TLS} keeps the default range (TLS 1.2 to 1.3); {@code TLSv1},
 * {@code TLSv1.1}, {@code TLSv1.2} and {@code TLSv1.3} each offer exactly that version (the first
 * two also enable legacy TLS). This is stricter than mssql-jdbc, where a named version is only the
 * highest one offered.
 *
 * <h2>tds-tls extras</h2>
 *
 * <p>For what seed 000 (mssql-tls) and FreeTDS offer and SqlClient lacks, both syntaxes take
 * (ADO.NET name / JDBC name): Trust Store / trustStore, Trust Store Password /
 * trustStorePassword, Trust Store Type / trustStoreType, CA File / caFile (a PEM file, or {@code
 * system}), CRL File / crlFile, Min TLS Version / minTlsVersion, Max TLS Version / maxTlsVersion
 * ({@code 1.2}, {@code TLSv1.3}, ...), Enable Legacy TLS / enableLegacyTls, Client Certificate /
 * clientCertificate, Client Key / clientKey, Client Key Password / clientKeyPassword, Server
 * Certificate SHA256 / serverCertificateSha256 (64 hex digits, colons allowed), TDS Version /
 * tdsVersion ({@code 7.1} to {@code 7.4}, {@code 8.0} with strict, {@code auto}), Check
 * Certificate Hostname / checkCertificateHostname.
 *
 * <p>A client certificate with a client key is a PEM chain and the password decrypts the key;
 * without a key it is a PKCS#12 file and the password opens it.
 */
public final class ConnectionStrings {

  private ConnectionStrings() {}

  /**
   * Parses a connection string, choosing the syntax: a {@code jdbc:sqlserver://} prefix means a
   * JDBC URL, anything else ADO.NET.
   *
   * @param connectionString the connection string
   * @return the configuration
   * @throws TdsConfigException if a key or value is not valid, naming it and listing the valid ones
   */
  public static ConnectionConfig parse(String connectionString) {
    return builder(connectionString).build();
  }

  /**
   * Parses a connection string and sets the user and password given separately, which replace any
   * in the string.
   *
   * @param connectionString the connection string
   * @param user the SQL login
   * @param password the password (copied)
   * @return the configuration
   * @throws TdsConfigException if a key or value is not valid, naming it and listing the valid ones
   */
  public static ConnectionConfig parse(String connectionString, String user, char[] password) {
    return builder(connectionString).user(user).password(password).build();
  }

  /**
   * Parses a connection string of either syntax into a builder, for changes before {@code build()}.
   *
   * @param connectionString the connection string
   * @return a builder holding every setting of the string
   * @throws TdsConfigException if a key or value is not valid, naming it and listing the valid ones
   */
  public static ConnectionConfig.Builder builder(String connectionString) {
    Objects.requireNonNull(connectionString, "connectionString");
    return JdbcUrlParser.isJdbcUrl(connectionString)
        ? JdbcUrlParser.parse(connectionString) : AdoNetParser.parse(connectionString);
  }

  /**
   * Parses an ADO.NET connection string.
   *
   * @param connectionString for example {@code Server=tcp:db,1433;Database=sales;Encrypt=strict}
   * @return the configuration
   * @throws TdsConfigException if a key or value is not valid, naming it and listing the valid ones
   */
  public static ConnectionConfig parseAdoNet(String connectionString) {
    return AdoNetParser.parse(Objects.requireNonNull(connectionString, "connectionString")).build();
  }

  /**
   * Parses a JDBC URL.
   *
   * @param url for example {@code jdbc:sqlserver://db:1433;databaseName=sales;encrypt=strict}
   * @return the configuration
   * @throws TdsConfigException if the URL does not start with {@code jdbc:sqlserver://}, or a
   *     property or value is not valid
   */
  public static ConnectionConfig parseJdbcUrl(String url) {
    return JdbcUrlParser.parse(Objects.requireNonNull(url, "url")).build();
  }
}
