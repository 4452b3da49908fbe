package io.tdstls.client;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this machine, looked up once: the default workstation name sent in LOGIN7. */
final class LocalHostName {

  /** Resolved on first use only, so that building a configuration with a workstation set costs no lookup. */
  private static final class Holder {
    private static final String NAME = lookUp();
  }

  private LocalHostName() {}

  /**
   * Returns the local host name, cut to the 128 characters a LOGIN7 field holds.
   *
   * @return the name; {@code localhost} if the machine does not know its own name
   */
  static String get() {
    return Holder.NAME;
  }

  private static String lookUp() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      name = firstNonBlank(System.getenv("HOSTNAME"), System.getenv("COMPUTERNAME"), "localhost");
    }
    return name.length() > ConnectionConfig.MAX_LOGIN_FIELD_LENGTH
        ? name.substring(0, ConnectionConfig.MAX_LOGIN_FIELD_LENGTH) : name;
  }

  private static String firstNonBlank(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c.trim();
      }
    }
    return "localhost";
  }
}
