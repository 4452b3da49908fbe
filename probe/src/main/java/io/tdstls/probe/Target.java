package io.tdstls.probe;

import java.util.Objects;

/**
 * An endpoint to probe: a host name or IP address and a TCP port.
 *
 * @param host the host name or IP address (IPv6 without brackets)
 * @param port the TCP port, 1..65535
 */
public record Target(String host, int port) {

  /** The port SQL Server listens on by default. */
  public static final int DEFAULT_PORT = 1433;

  /**
   * Checks the components.
   *
   * @param host see the record component
   * @param port see the record component
   */
  public Target {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("a target needs a host name or IP address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /**
   * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPV6]}, {@code [IPV6]:PORT} or a bare IPv6
   * address; the port defaults to 1433.
   *
   * @param text the target as typed
   * @return the target
   * @throws IllegalArgumentException if the text is not a target, saying which form to use
   */
  public static Target parse(String text) {
    String t = Objects.requireNonNull(text, "text").trim();
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in " + text + ": write an IPv6 target as [::1]:1433");
      }
      String rest = t.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("unexpected text after ']' in " + text + ": write [::1]:1433");
      }
      return new Target(t.substring(1, close), rest.isEmpty() ? DEFAULT_PORT : port(rest.substring(1), text));
    }
    int colon = t.indexOf(':');
    if (colon < 0) {
      return new Target(t, DEFAULT_PORT);
    }
    if (t.indexOf(':', colon + 1) >= 0) {
      return new Target(t, DEFAULT_PORT); // a bare IPv6 address
    }
    return new Target(t.substring(0, colon), port(t.substring(colon + 1), text));
  }

  private static int port(String digits, String text) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in " + text + ": use HOST[:PORT] with a port of 1..65535", e);
    }
  }

  /**
   * Returns the target as typed back: {@code host:port}, with brackets around an IPv6 address.
   *
   * @return for example {@code "db:1433"} or {@code "[::1]:1433"}
   */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
