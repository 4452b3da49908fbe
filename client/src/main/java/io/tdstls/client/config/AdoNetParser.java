package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ADO.NET connection string with Microsoft.Data.SqlClient's rules: {@code key=value}
 * pairs separated by {@code ;}; keys case-insensitive, trimmed, inner spaces significant, {@code
 * ==} inside a key standing for {@code =}; values trimmed unless quoted in {@code '..'} or {@code
 * ".."}, where the quote doubled stands for itself; empty segments ignored; the last value of a
 * key wins.
 */
final class AdoNetParser {

  /** The keys, SqlClient's canonical names first, then the tds-tls extras. */
  static final KeyTable KEYS = new KeyTable("connection string")
      .add(Setting.DATA_SOURCE, "Data Source", "Server", "Address", "Addr", "Network Address")
      .add(Setting.DATABASE, "Initial Catalog", "Database")
      .add(Setting.USER, "User ID", "UID", "User")
      .add(Setting.PASSWORD, "Password", "PWD")
      .add(Setting.ENCRYPT, "Encrypt")
      .add(Setting.TRUST_SERVER_CERTIFICATE, "TrustServerCertificate", "Trust Server Certificate")
      .add(Setting.HOST_NAME_IN_CERTIFICATE, "HostNameInCertificate", "Host Name In Certificate")
      .add(Setting.SERVER_CERTIFICATE, "ServerCertificate", "Server Certificate")
      .add(Setting.APPLICATION_NAME, "Application Name", "App")
      .add(Setting.WORKSTATION, "Workstation ID", "WSID")
      .add(Setting.PACKET_SIZE, "Packet Size")
      .add(Setting.CONNECTION_TIMEOUT_SECONDS, "Connect Timeout", "Connection Timeout", "Timeout")
      .add(Setting.READ_TIMEOUT_SECONDS, "Command Timeout")
      .add(Setting.QUERY_TIMEOUT_SECONDS, "Query Timeout", "queryTimeout")
      .add(Setting.TRUST_STORE, "Trust Store")
      .add(Setting.TRUST_STORE_PASSWORD, "Trust Store Password")
      .add(Setting.TRUST_STORE_TYPE, "Trust Store Type")
      .add(Setting.CA_FILE, "CA File")
      .add(Setting.CRL_FILE, "CRL File")
      .add(Setting.MIN_TLS_VERSION, "Min TLS Version")
      .add(Setting.MAX_TLS_VERSION, "Max TLS Version")
      .add(Setting.ENABLE_LEGACY_TLS, "Enable Legacy TLS")
      .add(Setting.CLIENT_CERTIFICATE, "Client Certificate")
      .add(Setting.CLIENT_KEY, "Client Key")
      .add(Setting.CLIENT_KEY_PASSWORD, "Client Key Password")
      .add(Setting.SERVER_CERTIFICATE_SHA256, "Server Certificate SHA256")
      .add(Setting.TDS_VERSION, "TDS Version")
      .add(Setting.CHECK_CERTIFICATE_HOSTNAME, "Check Certificate Hostname")
      .add(Setting.AUTHENTICATION, "Authentication")
      .add(Setting.INTEGRATED_SECURITY, "Integrated Security", "Trusted_Connection")
      .add(Setting.SERVER_SPN, "ServerSPN", "Server SPN")
      .add(Setting.TLS_PROVIDER, "TLS Provider")
      .add(Setting.SESSION_RESUMPTION, "TLS Session Resumption")
      .ignore("Pooling", "Min Pool Size", "Max Pool Size", "Connection Lifetime", "Load Balance Timeout",
          "Persist Security Info", "PersistSecurityInfo", "Enlist");

  private AdoNetParser() {}

  static ConnectionConfig.Builder parse(String connectionString) {
    SettingsApplier applier = new SettingsApplier();
    for (Entry e : tokenize(connectionString)) {
      applier.put(KEYS.lookUp(e.key()), e);
    }
    return applier.toBuilder();
  }

  /** Splits the string into its pairs, unquoting values. */
  static List<Entry> tokenize(String s) {
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && (s.charAt(i) == ';' || Character.isWhitespace(s.charAt(i)))) {
        i++;
      }
      if (i >= n) {
        return entries;
      }
      StringBuilder key = new StringBuilder();
      i = readKey(s, i, key);
      String k = key.toString().trim();
      if (k.isEmpty()) {
        throw new TdsConfigException("connection string: empty key before '=' at position " + i
            + ": write key=value pairs separated by ';'");
      }
      StringBuilder value = new StringBuilder();
      i = readValue(s, i + 1, k, value);
      entries.add(new Entry(k, value.toString()));
    }
  }

  /** Reads a key up to its '='; returns the index of that '='. */
  private static int readKey(String s, int start, StringBuilder key) {
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '=') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '=') {
          key.append('=');
          i += 2;
          continue;
        }
        return i;
      }
      if (c == ';') {
        break;
      }
      key.append(c);
      i++;
    }
    throw new TdsConfigException("connection string: '" + s.substring(start, i).trim()
        + "' has no '=': write key=value pairs separated by ';'");
  }

  /** Reads a value from just after the '='; returns the index after it. */
  private static int readValue(String s, int start, String key, StringBuilder value) {
    int i = start;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
      i = readQuoted(s, i, key, value);
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i < n && s.charAt(i) != ';') {
        throw new TdsConfigException("connection string: unexpected text after the quoted value of '" + key
            + "': put ';' after the closing quote");
      }
      return i;
    }
    int end = s.indexOf(';', i);
    end = end < 0 ? n : end;
    value.append(s, i, end);
    int trimmed = value.length();
    while (trimmed > 0 && Character.isWhitespace(value.charAt(trimmed - 1))) {
      trimmed--;
    }
    value.setLength(trimmed);
    return end;
  }

  private static int readQuoted(String s, int open, String key, StringBuilder value) {
    char quote = s.charAt(open);
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          value.append(quote);
          i += 2;
          continue;
        }
        return i + 1;
      }
      value.append(c);
      i++;
    }
    throw new TdsConfigException("connection string: the value of '" + key + "' opens a quote " + quote
        + " that is never closed: close it, and double any " + quote + " inside the value");
  }
}
