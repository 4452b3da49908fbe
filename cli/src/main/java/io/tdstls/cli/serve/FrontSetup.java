package io.tdstls.cli.serve;

import io.tdstls.config.ListenerConfig;
import io.tdstls.config.Secret;
import io.tdstls.config.TlsMaterial;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.AlpnPolicy;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The front (server side) of {@code gateway}, built from {@link FrontOptions} over a config file's
 * {@code listener} section: the policy, the TLS settings and provider, the certificate, and the
 * limits. The certificate and TLS settings are made by the same code as {@code serve}'s ({@link
 * ServeCertificate}, {@link ServeSetup}), through a {@link ListenerConfig}.
 *
 * @param listener the effective listener settings (flags over the file's)
 * @param policy the server policy
 * @param tls the TLS settings, or {@code null} when encryption is not supported
 * @param provider the TLS provider
 * @param certificate the certificate in use, or {@code null} without TLS
 * @param loginTimeout the time from connect to login
 * @param maxConnections the connections served at once
 * @param preLoginBufferLimit the most bytes one connection may make the server buffer before login
 * @param preLoginBudget the most bytes all connections not logged in may make it buffer together
 */
public record FrontSetup(ListenerConfig listener, ServerPolicy policy, ServerTlsConfig tls, TlsProvider provider,
    ServeCertificate certificate, Duration loginTimeout, int maxConnections, int preLoginBufferLimit,
    long preLoginBudget) {

  /**
   * Parses the policies and limits of the flags alone, and loads or generates the certificate.
   *
   * @param o the options
   * @param host the address listened on (named in a generated certificate)
   * @param defaultEncryption the encryption policy when {@code --encryption} is not given
   * @return the setup
   * @throws TdsConfigException if a value is invalid or options contradict each other
   */
  public static FrontSetup of(FrontOptions o, String host, ServerEncryption defaultEncryption) {
    ListenerConfig d = ListenerConfig.defaults();
    return of(o, new ListenerConfig(host, 0, d.tls(), null, null, null, d.clientCertPolicy(), d.tlsProvider(),
        d.loginTimeout(), d.maxConnections(), "tds-tls gateway"), defaultEncryption, null);
  }

  /**
   * Builds the front from the flags over a config file's listener settings.
   *
   * @param o the options (a flag given overrides the file)
   * @param file the file's listener settings (or the defaults), with the address to listen on
   * @param defaultEncryption the encryption policy when neither names one
   * @param previous the front running before a reload, whose generated certificate is kept; or
   *     {@code null}
   * @return the setup
   * @throws TdsConfigException if a value is invalid or settings contradict each other
   */
  public static FrontSetup of(FrontOptions o, ListenerConfig file, ServerEncryption defaultEncryption,
      FrontSetup previous) {
    ListenerConfig l = overlay(o, file);
    ServerEncryption encryption = l.encryption() == null ? defaultEncryption : l.encryption();
    StrictPolicy strict = l.strict() != null ? l.strict()
        : encryption == ServerEncryption.NOT_SUPPORTED ? StrictPolicy.DISABLED : StrictPolicy.ALLOWED;
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != StrictPolicy.DISABLED) {
      throw new TdsConfigException("--encryption not-supported means no TLS, so strict connections cannot be "
          + strict.name().toLowerCase(Locale.ROOT) + ": drop --strict or choose --encryption available or forced");
    }
    ServerPolicy policy = new ServerPolicy(encryption, l.clientCertPolicy(), strict)
        .withAlpn(l.alpn() == null ? AlpnPolicy.OPTIONAL : l.alpn());
    TlsProvider provider = ServeSetup.choice("--tls-provider", l.tlsProvider(), TlsProvider.class);
    int preLoginLimit = (l.preLoginLimitKib() == null ? 64 : l.preLoginLimitKib()) << 10;
    long preLoginBudget = (long) (l.preLoginBudgetMib() == null ? 32 : l.preLoginBudgetMib()) << 20;
    if (encryption == ServerEncryption.NOT_SUPPORTED) {
      if (l.tls().hasCertificate() || !l.tls().clientCas().isEmpty()) {
        throw new TdsConfigException("--encryption not-supported serves no TLS: drop --cert, --pkcs12 and --client-ca");
      }
      return new FrontSetup(l, policy, null, provider, null, l.loginTimeout(), l.maxConnections(), preLoginLimit,
          preLoginBudget);
    }
    ServeCertificate certificate = !l.tls().hasCertificate() && previous != null && previous.certificate() != null
        && previous.certificate().pemFile() != null ? previous.certificate() : ServeCertificate.of(l);
    return new FrontSetup(l, policy, ServeSetup.tls(l, certificate), provider, certificate, l.loginTimeout(),
        l.maxConnections(), preLoginLimit, preLoginBudget);
  }

  /**
   * The front flags that were given, on top of the file's (or the default) listener settings; the
   * address and server name stay the file's.
   *
   * @param o the options
   * @param f the file's listener settings
   * @return the effective settings
   * @throws TdsConfigException if a value is invalid or flags contradict each other
   */
  static ListenerConfig overlay(FrontOptions o, ListenerConfig f) {
    TlsMaterial t = f.tls();
    boolean newCert = o.cert != null || o.key != null || o.pkcs12 != null;
    if (o.pkcs12 != null && (o.cert != null || o.key != null)) {
      throw new TdsConfigException("give either --pkcs12, or --cert with --key, not both");
    }
    if ((o.cert != null || o.key != null) && (o.cert == null || o.key == null)) {
      throw new TdsConfigException("--cert and --key go together: the PEM chain and its private key");
    }
    TlsMaterial tls = new TlsMaterial(newCert ? o.cert : t.cert(), newCert ? o.key : t.key(),
        o.keyPassword != null ? Secret.parse("inline:" + o.keyPassword) : t.keyPassword(),
        newCert ? o.pkcs12 : t.pkcs12(), o.clientCas.isEmpty() ? t.clientCas() : o.clientCas,
        o.clientCertMode != null ? ServeSetup.choice("--client-cert-mode", o.clientCertMode, ClientCertificateMode.class)
            : t.clientCertMode());
    return new ListenerConfig(f.host(), f.port(), tls, o.certDir != null ? o.certDir : f.certDir(),
        o.encryption != null ? ServeSetup.choice("--encryption", o.encryption, ServerEncryption.class) : f.encryption(),
        o.strict != null ? ServeSetup.choice("--strict", o.strict, StrictPolicy.class) : f.strict(),
        o.clientCertPolicy != null ? ServeSetup.choice("--client-cert-policy", o.clientCertPolicy, ClientCertPolicy.class)
            : f.clientCertPolicy(),
        o.tlsProvider != null
            ? ServeSetup.choice("--tls-provider", o.tlsProvider, TlsProvider.class).name().toLowerCase(Locale.ROOT)
            : f.tlsProvider(),
        o.loginTimeoutSeconds != null ? Duration.ofSeconds(positive("--login-timeout", o.loginTimeoutSeconds))
            : f.loginTimeout(),
        o.maxConnections != null ? positive("--max-connections", o.maxConnections) : f.maxConnections(),
        f.serverName(),
        o.alpn != null ? ServeSetup.choice("--alpn", o.alpn, AlpnPolicy.class) : f.alpn(),
        o.preLoginLimitKib != null ? Integer.valueOf(range("--pre-login-limit", o.preLoginLimitKib, 4, 65_535))
            : f.preLoginLimitKib(),
        o.preLoginBudgetMib != null ? Integer.valueOf(positive("--pre-login-budget", o.preLoginBudgetMib))
            : f.preLoginBudgetMib());
  }

  private static int range(String option, int value, int min, int max) {
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
}
