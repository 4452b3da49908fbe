package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;

/**
 * Reads a JDBC URL with mssql-jdbc's rules: {@code
 * jdbc:sqlserver://[host[\instance][:port]][;property=value]*}; property names
 * case-insensitive; a value in <code>{...}</code> may contain {@code ;} (and <code>}}</code> for
 * a <code>}</code>); empty segments ignored; properties override the host part; the last value of
 * a property wins.
 */
final class JdbcUrlParser {

  /** The prefix of every mssql-jdbc URL. */
  static final String PREFIX = "jdbc:sqlserver://";

  /** mssql-jdbc's property names, then the tds-tls extras in camelCase. */
  static final KeyTable KEYS = new KeyTable("JDBC URL")
      .add(Setting.SERVER_NAME, "serverName")
      .add(Setting.PORT, "portNumber", "port")
      .add(Setting.INSTANCE, "instanceName")
      .add(Setting.DATABASE, "databaseName", "database")
      .add(Setting.USER, "user", "userName")
      .add(Setting.PASSWORD, "password")
      .add(Setting.ENCRYPT, "encrypt")
      .add(Setting.TRUST_SERVER_CERTIFICATE, "trustServerCertificate")
      .add(Setting.HOST_NAME_IN_CERTIFICATE, "hostNameInCertificate")
      .add(Setting.SERVER_CERTIFICATE, "serverCertificate")
      .add(Setting.TRUST_STORE, "trustStore")
      .add(Setting.TRUST_STORE_PASSWORD, "trustStorePassword")
      .add(Setting.TRUST_STORE_TYPE, "trustStoreType")
      .add(Setting.SSL_PROTOCOL, "sslProtocol")
      .add(Setting.APPLICATION_NAME, "applicationName")
      .add(Setting.WORKSTATION, "workstationID")
      .add(Setting.PACKET_SIZE, "packetSize")
      .add(Setting.CONNECTION_TIMEOUT_SECONDS, "loginTimeout")
      .add(Setting.READ_TIMEOUT_MILLIS, "socketTimeout")
      .add(Setting.QUERY_TIMEOUT_SECONDS, "queryTimeout")
      .add(Setting.CLIENT_CERTIFICATE, "clientCertificate")
      .add(Setting.CLIENT_KEY, "clientKey")
      .add(Setting.CLIENT_KEY_PASSWORD, "clientKeyPassword")
      .add(Setting.CA_FILE, "caFile")
      .add(Setting.CRL_FILE, "crlFile")
      .add(Setting.MIN_TLS_VERSION, "minTlsVersion")
      .add(Setting.MAX_TLS_VERSION, "maxTlsVersion")
      .add(Setting.ENABLE_LEGACY_TLS, "enableLegacyTls")
      .add(Setting.SERVER_CERTIFICATE_SHA256, "serverCertificateSha256")
      .add(Setting.TDS_VERSION, "tdsVersion")
      .add(Setting.CHECK_CERTIFICATE_HOSTNAME, "checkCertificateHostname")
      .add(Setting.ACCESS_TOKEN, "accessToken")
      .add(Setting.AUTHENTICATION, "authentication")
      .add(Setting.INTEGRATED_SECURITY, "integratedSecurity")
      .add(Setting.AUTHENTICATION_SCHEME, "authenticationScheme")
      .add(Setting.SERVER_SPN, "serverSpn")
      .add(Setting.TLS_PROVIDER, "tlsProvider")
      .add(Setting.SESSION_RESUMPTION, "tlsSessionResumption");

  private JdbcUrlParser() {}

  static boolean isJdbcUrl(String s) {
    return s.stripLeading().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  static ConnectionConfig.Builder parse(String url) {
    if (!isJdbcUrl(url)) {
      throw new TdsConfigException("not a SQL Server JDBC URL: it must start with " + PREFIX);
    }
    String rest = url.stripLeading().substring(PREFIX.length());
    int semicolon = rest.indexOf(';');
    String authority = (semicolon < 0 ? rest : rest.substring(0, semicolon)).trim();
    SettingsApplier applier = new SettingsApplier();
    if (!authority.isEmpty()) {
      applier.address(ServerAddress.parseHostPort(new Entry("JDBC URL host", authority)));
    }
    int i = semicolon < 0 ? rest.length() : semicolon;
    while (i < rest.length()) {
      i = readProperty(rest, i, applier);
    }
    return applier.toBuilder();
  }

  /** Reads one property starting at {@code start} (separators allowed); returns where it ended. */
  private static int readProperty(String s, int start, SettingsApplier applier) {
    int i = start;
    int n = s.length();
    while (i < n && (s.charAt(i) == ';' || Character.isWhitespace(s.charAt(i)))) {
      i++;
    }
    if (i >= n) {
      return n;
    }
    int eq = s.indexOf('=', i);
    int semi = s.indexOf(';', i);
    if (eq < 0 || (semi >= 0 && semi < eq)) {
      String segment = s.substring(i, semi < 0 ? n : semi).trim();
      throw new TdsConfigException("JDBC URL: '" + segment + "' has no '=': write ;property=value");
    }
    String key = s.substring(i, eq).trim();
    if (key.isEmpty()) {
      throw new TdsConfigException("JDBC URL: empty property name before '=': write ;property=value");
    }
    Setting setting = KEYS.lookUp(key);
    i = eq + 1;
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    StringBuilder value = new StringBuilder();
    if (i < n && s.charAt(i) == '{') {
      i = readBraced(s, i, key, value);
    } else {
      int end = s.indexOf(';', i);
      end = end < 0 ? n : end;
      value.append(s.substring(i, end).trim());
      i = end;
    }
    applier.put(setting, new Entry(key, value.toString()));
    return i;
  }

  private static int readBraced(String s, int open, String key, StringBuilder value) {
    int i = open + 1;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '}') {
        if (i + 1 < n && s.charAt(i + 1) == '}') {
          value.append('}');
          i += 2;
          continue;
        }
        i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i < n && s.charAt(i) != ';') {
          throw new TdsConfigException("JDBC URL: unexpected text after the braced value of '" + key
              + "': put ';' after the closing '}'");
        }
        return i;
      }
      value.append(c);
      i++;
    }
    throw new TdsConfigException("JDBC URL: the value of '" + key + "' opens '{' that is never closed:"
        + " close it with '}', and write '}}' for a '}' inside the value");
  }
}
