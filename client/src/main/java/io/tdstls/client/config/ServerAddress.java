package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import java.util.List;
import java.util.Locale;

/**
 * Where the server is, as the three sources write it: host, then an optional instance name and
 * port. Any part may be missing ({@code null}).
 *
 * @param host the host name or IP address (IPv6 without brackets)
 * @param port the explicit port
 * @param instance the instance name
 */
record ServerAddress(String host, Integer port, String instance) {

  /** The names SqlClient uses for this machine. */
  private static final List<String> LOCAL_NAMES = List.of("(local)", ".", "localhost");
  /** Protocol prefixes SqlClient knows that are not TCP. */
  private static final List<String> OTHER_PROTOCOLS = List.of("np:", "lpc:", "admin:", "via:");
  /** Characters that cannot be part of a host name or IP address, yet are easy to leave in by mistake. */
  private static final String NOT_IN_HOSTS = ",;=/\\[]{}'\"@";

  /**
   * Parses an ADO.NET data source: {@code [tcp:]host[\instance][,port]}, where host may be
   * {@code (local)}, {@code .}, an IPv6 address with or without brackets.
   */
  static ServerAddress parseDataSource(Entry e) {
    String s = e.value().trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("tcp:")) {
      s = s.substring(4).trim();
    } else {
      for (String p : OTHER_PROTOCOLS) {
        if (lower.startsWith(p)) {
          throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': only TCP is supported,"
              + " write tcp:host,port or host,port");
        }
      }
    }
    Integer port = null;
    int comma = s.lastIndexOf(',');
    if (comma >= 0) {
      port = port(e, s.substring(comma + 1));
      s = s.substring(0, comma);
    }
    ServerAddress a = parseServerName(e, s);
    return new ServerAddress(a.host, port, a.instance);
  }

  /**
   * Parses a host with an optional instance: {@code host[\instance]}, as JDBC's {@code
   * serverName} takes it. A bare IPv6 address is accepted.
   */
  static ServerAddress parseServerName(Entry e, String text) {
    String s = text.trim();
    String instance = null;
    int backslash = s.indexOf('\\');
    if (backslash >= 0) {
      instance = s.substring(backslash + 1).trim();
      s = s.substring(0, backslash).trim();
      if (instance.isEmpty()) {
        throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': the instance name after '\\' is empty");
      }
    }
    return new ServerAddress(host(e, s), null, instance);
  }

  /**
   * Parses {@code host[\instance][:port]}, as a JDBC URL and FreeTDS write it; an IPv6 address
   * must be in brackets when a port follows ({@code [::1]:1433}).
   */
  static ServerAddress parseHostPort(Entry e) {
    String s = e.value().trim();
    Integer port = null;
    int close = s.startsWith("[") ? s.indexOf(']') : -1;
    int colon = s.lastIndexOf(':');
    if (s.startsWith("[") && close < 0) {
      throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': the IPv6 address has no closing ']'");
    }
    if (colon > close && (close >= 0 || s.indexOf(':') == colon)) {
      port = port(e, s.substring(colon + 1));
      s = s.substring(0, colon);
    } else if (close < 0 && colon >= 0) {
      throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': write an IPv6 address in brackets,"
          + " for example [::1]:1433");
    }
    ServerAddress a = parseServerName(e, s);
    return new ServerAddress(a.host, port, a.instance);
  }

  ServerAddress withHost(String newHost, String newInstance) {
    return new ServerAddress(newHost, port, newInstance == null ? instance : newInstance);
  }

  ServerAddress withPort(int newPort) {
    return new ServerAddress(host, newPort, instance);
  }

  ServerAddress withInstance(String newInstance) {
    return new ServerAddress(host, port, newInstance);
  }

  void applyTo(ConnectionConfig.Builder b) {
    if (host != null) {
      b.host(host);
    }
    if (port != null) {
      b.port(port);
    }
    b.instanceName(instance);
  }

  private static String host(Entry e, String text) {
    String h = text.trim();
    if (h.startsWith("[")) {
      if (!h.endsWith("]") || h.length() < 3) {
        throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': write an IPv6 address as [address]");
      }
      h = h.substring(1, h.length() - 1).trim();
    }
    if (h.isEmpty()) {
      throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': the host is empty,"
          + " give the server's host name or IP address");
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || NOT_IN_HOSTS.indexOf(c) >= 0) {
        throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': the host '" + h
            + "' contains '" + c + "', which no host name or IP address has");
      }
    }
    return LOCAL_NAMES.contains(h.toLowerCase(Locale.ROOT)) ? "localhost" : h;
  }

  private static Integer port(Entry e, String text) {
    return ConfigValues.integer(new Entry(e.key() + " port", text), 1, 65535);
  }
}
