package io.tdstls.cli.serve;

import io.tdstls.config.ListenerConfig;
import io.tdstls.config.OptionNames;
import io.tdstls.config.TdsTlsConfig;
import io.tdstls.config.TlsMaterial;
import io.tdstls.config.UsersConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.AlpnPolicy;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.PasswordFile;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.ServerEvents;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerTlsConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code serve} runs: the listener settings (a {@code --config} file's, overridden by the
 * flags), the server configuration built from them, and the facts to print at start (certificate,
 * users).
 *
 * @param listener the effective listener settings
 * @param config the server configuration
 * @param certificate the certificate in use, or {@code null} without TLS
 * @param users the plain logins accepted, name to password
 * @param passwordFile the hashed logins accepted, or {@code null}
 * @param generatedUser whether the single user was generated (its password is then printed)
 */
public record ServeSetup(ListenerConfig listener, ServerConfig config, ServeCertificate certificate,
    Map<String, String> users, PasswordFile passwordFile, boolean generatedUser) {

  /** The user created when no {@code --user} is given. */
  public static final String DEFAULT_USER = "tds";

  /**
   * Copies the users.
   *
   * @param listener see the record component
   * @param config see the record component
   * @param certificate see the record component
   * @param users see the record component
   * @param passwordFile see the record component
   * @param generatedUser see the record component
   */
  public ServeSetup {
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
  }

  /**
   * Builds the setup from the flags alone.
   *
   * @param o the options
   * @return the setup
   * @throws TdsConfigException if a value is invalid or options contradict each other
   */
  public static ServeSetup of(ServeOptions o) {
    return of(o, null, null, ServerEvents.NONE);
  }

  /**
   * Builds the setup: the file's settings with the flags on top; parses the policies, loads or
   * generates the certificate, collects users.
   *
   * @param o the options
   * @param file the configuration file, or {@code null}
   * @param previous the setup running before a reload, whose generated certificate and user are
   *     kept; or {@code null}
   * @param events who is told about connections
   * @return the setup
   * @throws TdsConfigException if a value is invalid or options contradict each other
   */
  public static ServeSetup of(ServeOptions o, TdsTlsConfig file, ServeSetup previous, ServerEvents events) {
    ListenerConfig l = overlay(o, file == null ? ListenerConfig.defaults() : file.listener());
    ServerEncryption encryption = l.encryption() == null ? ServerEncryption.AVAILABLE : l.encryption();
    StrictPolicy strict = l.strict() != null ? l.strict()
        : encryption == ServerEncryption.NOT_SUPPORTED ? StrictPolicy.DISABLED : StrictPolicy.ALLOWED;
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != StrictPolicy.DISABLED) {
      throw new TdsConfigException("--encryption not-supported means no TLS, so strict connections cannot be "
          + strict.name().toLowerCase(Locale.ROOT) + ": drop --strict or choose --encryption available or forced");
    }
    ServerPolicy policy = new ServerPolicy(encryption, l.clientCertPolicy(), strict)
        .withAlpn(l.alpn() == null ? AlpnPolicy.OPTIONAL : l.alpn());
    Map<String, String> users = new LinkedHashMap<>();
    PasswordFile passwordFile = null;
    if (!o.users.isEmpty() || o.usersFile != null) {
      users.putAll(users(o.users));
      passwordFile = o.usersFile == null ? null : PasswordFile.load(o.usersFile);
    } else if (file != null && !file.users().isEmpty()) {
      UsersConfig u = file.users();
      u.accounts().forEach((name, secret) -> users.put(name, secret.reveal()));
      passwordFile = u.file() == null ? null : PasswordFile.load(u.file());
    }
    boolean generated = users.isEmpty() && passwordFile == null;
    if (generated) {
      users.put(DEFAULT_USER, previous != null && previous.generatedUser()
          ? previous.users().get(DEFAULT_USER) : randomPassword());
    }
    io.tdstls.server.auth.LoginVerifier logins = o.auth.verifier(authenticator(users, passwordFile));
    ServerConfig.Builder b = ServerConfig.builder().host(l.host()).port(l.port()).policy(policy)
        .loginTimeout(l.loginTimeout()).maxConnections(l.maxConnections()).events(events)
        .preLoginBufferLimit((l.preLoginLimitKib() == null ? 64 : l.preLoginLimitKib()) << 10)
        .preLoginBudget((long) (l.preLoginBudgetMib() == null ? 32 : l.preLoginBudgetMib()) << 20)
        .fedAuthRequired(logins.acceptsTokens())
        .sessions(RefusalLogging.wrap(DiagnosticSessionHandler.factory(logins, strict, l.serverName())));
    if (file != null) {
      b.reloadCheckInterval(file.reloadInterval());
    }
    ServeCertificate certificate = null;
    if (encryption != ServerEncryption.NOT_SUPPORTED) {
      certificate = !l.tls().hasCertificate() && previous != null && previous.certificate() != null
          && previous.certificate().pemFile() != null ? previous.certificate() : ServeCertificate.of(l);
      b.tls(tls(l, certificate), choice("--tls-provider", l.tlsProvider(), TlsProvider.class));
    } else if (l.tls().hasCertificate() || !l.tls().clientCas().isEmpty()) {
      throw new TdsConfigException("--encryption not-supported serves no TLS: drop --cert, --pkcs12 and --client-ca");
    }
    return new ServeSetup(l, b.build(), certificate, users, passwordFile, generated);
  }

  /**
   * Returns the names of every login accepted.
   *
   * @return plain users first, then the password file's
   */
  public Set<String> userNames() {
    Set<String> names = new LinkedHashSet<>(users.keySet());
    if (passwordFile != null) {
      names.addAll(passwordFile.userNames());
    }
    return names;
  }

  /** The flags that were given, on top of the file's (or the default) listener settings. */
  private static ListenerConfig overlay(ServeOptions o, ListenerConfig f) {
    if (o.port != null && (o.port < 0 || o.port > 65535)) {
      throw TdsConfigException.invalidValue("--port", Integer.toString(o.port), List.of("0..65535"));
    }
    ListenerConfig l = FrontSetup.overlay(o.front, f);
    return new ListenerConfig(o.host != null ? o.host : f.host(), o.port != null ? o.port : f.port(), l.tls(),
        l.certDir(), l.encryption(), l.strict(), l.clientCertPolicy(), l.tlsProvider(), l.loginTimeout(),
        l.maxConnections(), o.serverName != null ? o.serverName : f.serverName(), l.alpn(), l.preLoginLimitKib(),
        l.preLoginBudgetMib());
  }

  private static Authenticator authenticator(Map<String, String> users, PasswordFile passwordFile) {
    Authenticator plain = Authenticator.users(users);
    if (passwordFile == null) {
      return plain;
    }
    return (user, password) -> users.containsKey(user) ? plain.authenticate(user, password)
        : passwordFile.authenticate(user, password);
  }

  /**
   * The TLS settings: certificate files are read from their paths, so that replacing them is picked
   * up without a restart (hot reload); a generated one is in memory.
   */
  static ServerTlsConfig tls(ListenerConfig l, ServeCertificate certificate) {
    TlsMaterial m = l.tls();
    char[] password = m.keyPassword() == null ? null : m.keyPassword().reveal().toCharArray();
    ServerTlsConfig.Builder t = ServerTlsConfig.builder();
    if (m.pkcs12() != null) {
      t.pkcs12(m.pkcs12(), password);
    } else if (m.cert() != null) {
      t.certificatePem(m.cert(), m.key(), password);
    } else {
      t.certifiedKey(certificate.key());
    }
    if (!m.clientCas().isEmpty()) {
      t.clientCertificates(m.clientCertMode());
      for (Path ca : m.clientCas()) {
        t.addTrustedClientCa(ca);
      }
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
    return OptionNames.parse(option, text, type);
  }

  private static String randomPassword() {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
