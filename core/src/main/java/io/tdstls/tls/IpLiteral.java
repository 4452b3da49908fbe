package io.tdstls.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises IPv4 and IPv6 literals without ever asking DNS. */
final class IpLiteral {

  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.]+)?");

  private IpLiteral() {}

  /**
   * Parses an IP literal.
   *
   * @param host a host name or an IP literal (IPv6 possibly in brackets)
   * @return the address if {@code host} is an IP literal, else empty
   */
  static Optional<InetAddress> parse(String host) {
    String h = unbracketed(host);
    boolean v4 = IPV4.matcher(h).matches();
    boolean v6 = h.indexOf(':') >= 0 && IPV6_CHARS.matcher(h).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // a literal never triggers a lookup: InetAddress parses it directly
      return Optional.of(InetAddress.getByName(h));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * Tells whether a host is an IP literal.
   *
   * @param host the host
   * @return true for IPv4 and IPv6 literals
   */
  static boolean isIpLiteral(String host) {
    String h = unbracketed(host);
    // the IPv4 pattern accepts exactly the dotted quads InetAddress parses, so no address is built for them (a
    // client asks this for every TLS connection's SNI); the IPv6 pattern is only a filter, so parse those
    return IPV4.matcher(h).matches() || (h.indexOf(':') >= 0 && parse(host).isPresent());
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
