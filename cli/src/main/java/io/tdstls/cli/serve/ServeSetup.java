package io.tdstls.cli.serve;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import java.security.SecureRandom;
import java.time.Duration;
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
    ServerEncryption encryption = choice("--encryption", o.encryption, ServerEncryption.class);
    StrictPolicy strict = o.strict != null ? choice("--strict", o.strict, StrictPolicy.class)
        : encryption == ServerEncryption.NOT_SUPPORTED ? StrictPolicy.DISABLED : StrictPolicy.ALLOWED;
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != StrictPolicy.DISABLED) {
      throw new TdsConfigException("--encryption not-supported means no TLS, so strict connections cannot be "
          + strict.name().toLowerCase(Locale.ROOT) + ": drop --strict or choose --encryption available or forced");
    }
    ServerPolicy policy = new ServerPolicy(encryption, choice("--client-cert-policy", o.clientCertPolicy,
        ClientCertPolicy.class), strict);
    Map<String, String> users = users(o.users);
    boolean generated = users.isEmpty();
    if (generated) {
      users.put(DEFAULT_USER, randomPassword());
    }
    if (o.port < 0 || o.port > 65535) {
      throw TdsConfigException.invalidValue("--port", Integer.toString(o.port), List.of("0..65535"));
    }
    ServerConfig.Builder b = ServerConfig.builder().host(o.host).port(o.port).policy(policy)
        .loginTimeout(Duration.ofSeconds(positive("--login-timeout", o.loginTimeoutSeconds)))
        .maxConnections(positive("--max-connections", o.maxConnections))
        .preLoginBufferLimit(atLeast("--pre-login-limit", o.preLoginLimitKib, 4, 65_535) << 10)
        .preLoginBudget((long) positive("--pre-login-budget", o.preLoginBudgetMib) << 20)
        .sessions(RefusalLogging.wrap(DiagnosticSessionHandler.factory(Authenticator.users(users), strict, o.serverName)));
    ServeCertificate certificate = null;
    if (encryption != ServerEncryption.NOT_SUPPORTED) {
      certificate = ServeCertificate.of(o);
      b.tls(tls(o, certificate), choice("--tls-provider", o.tlsProvider, TlsProvider.class));
    } else if (o.cert != null || o.pkcs12 != null || !o.clientCas.isEmpty()) {
      throw new TdsConfigException("--encryption not-supported serves no TLS: drop --cert, --pkcs12 and --client-ca");
    }
    return new ServeSetup(b.build(), certificate, users, generated);
  }

  /**
   * The TLS settings: certificate files given on the command line are read from their paths, so
   * that replacing them is picked up without a restart (hot reload); a generated one is in memory.
   */
  private static ServerTlsConfig tls(ServeOptions o, ServeCertificate certificate) {
    char[] password = o.keyPassword == null ? null : o.keyPassword.toCharArray();
    ServerTlsConfig.Builder t = ServerTlsConfig.builder();
    if (o.pkcs12 != null) {
      t.pkcs12(o.pkcs12, password);
    } else if (o.cert != null) {
      t.certificatePem(o.cert, o.key, password);
    } else {
      t.certifiedKey(certificate.key());
    }
    if (!o.clientCas.isEmpty()) {
      t.clientCertificates(choice("--client-cert-mode", o.clientCertMode, ClientCertificateMode.class));
      o.clientCas.forEach(t::addTrustedClientCa);
    }
    return t.build();
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

  private static int atLeast(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw TdsConfigException.invalidValue(option, Integer.toString(value), List.of("a number from " + min + " to " + max));
    }
    return value;
  }

  private static int positive(String option, int value) {
    if (value < 1) {
      throw TdsConfigException.invalidValue(option, Integer.toString(value), List.of("a positive number"));
    }
    return value;
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
