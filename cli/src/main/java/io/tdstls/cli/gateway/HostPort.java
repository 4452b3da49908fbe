package io.tdstls.cli.gateway;

import io.tdstls.error.TdsConfigException;
import java.util.List;

/**
 * A {@code HOST:PORT} option value ({@code [::1]:1433} for IPv6).
 *
 * @param host the host
 * @param port the port
 */
record HostPort(String host, int port) {

  static HostPort parse(String option, String text, int minPort) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw TdsConfigException.invalidValue(option, text, List.of("HOST:PORT, for example 127.0.0.1:1433 or [::1]:1433"));
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < minPort || port > 65535) {
        throw TdsConfigException.invalidValue(option, text, List.of("a port " + minPort + "..65535"));
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw TdsConfigException.invalidValue(option, text, List.of("HOST:PORT with a numeric port"));
    }
  }
}
