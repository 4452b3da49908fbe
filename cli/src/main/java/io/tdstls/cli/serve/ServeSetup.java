package io.tdstls.cli.serve;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code serve} runs: the server configuration built from {@link ServeOptions}, and the facts
 * to print at start (certificate, users).
 *
 * @param config the server configuration
 * @param certificate the certificate in use, or {@code null} without TLS
 * @param users the logins accepted, name to password
 * @param generatedUser whether the single user was generated (its password is then printed)
 */
public record ServeSetup(ServerConfig config, ServeCertificate certificate, Map<String, String> users,
    boolean generatedUser) {

  /** The user created when no {@code --user} is given. */
  public static final String DEFAULT_USER = "tds";

  /**
   * Copies the users.
   *
   * @param config see the record component
   * @param certificate see the record component
   * @param users see the record component
   * @param generatedUser see the record component
   */
  public ServeSetup {
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
  }

  /**
   * Builds the setup: parses the policies, loads or generates the certificate, collects users.
   *
   * @param o the options
   * @return the setup
   * @throws TdsConfigException if a value is invalid or options contradict each other
   */
  public static ServeSetup of(ServeOptions o) {
    FrontSetup front = FrontSetup.of(o.front, o.host, ServerEncryption.AVAILABLE);
    StrictPolicy strict = front.policy().strict();
    Map<String, String> users = users(o.users);
    boolean generated = users.isEmpty();
    if (generated) {
      users.put(DEFAULT_USER, randomPassword());
    }
    if (o.port < 0 || o.port > 65535) {
      throw TdsConfigException.invalidValue("--port", Integer.toString(o.port), List.of("0..65535"));
    }
    ServerConfig.Builder b = ServerConfig.builder().host(o.host).port(o.port).policy(front.policy())
        .loginTimeout(front.loginTimeout())
        .maxConnections(front.maxConnections())
        .sessions(RefusalLogging.wrap(DiagnosticSessionHandler.factory(Authenticator.users(users), strict, o.serverName)));
    if (front.tls() != null) {
      b.tls(front.tls(), front.provider());
    }
    return new ServeSetup(b.build(), front.certificate(), users, generated);
  }

  private static Map<String, String> users(List<String> specs) {
    Map<String, String> users = new LinkedHashMap<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      if (colon <= 0) {
        throw new TdsConfigException("--user '" + spec.replaceAll(":.*", ":***") + "' is not NAME:PASSWORD");
      }
      users.put(spec.substring(0, colon), spec.substring(colon + 1));
    }
    return users;
  }

  /**
   * Parses an enum constant from its option spelling: lower case, dashes for underscores.
   *
   * @param option the option, for the error message
   * @param text the value given
   * @param type the enum
   * @param <E> the enum type
   * @return the constant
   * @throws TdsConfigException if no constant has that name, listing the valid ones
   */
  static <E extends Enum<E>> E choice(String option, String text, Class<E> type) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    List<String> valid = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (name.equals(wanted)) {
        return e;
      }
      valid.add(name);
    }
    throw TdsConfigException.invalidValue(option, text, valid);
  }

  private static String randomPassword() {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
