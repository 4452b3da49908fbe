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
 * The front (server side) of {@code gateway}, built from {@link FrontOptions}: the policy, the TLS
 * settings and provider, the certificate, and the limits. The certificate and TLS settings are made
 * by the same code as {@code serve}'s ({@link ServeCertificate}, {@link ServeSetup}), through a
 * {@link ListenerConfig}.
 *
 * @param policy the server policy
 * @param tls the TLS settings, or {@code null} when encryption is not supported
 * @param provider the TLS provider
 * @param certificate the certificate in use, or {@code null} without TLS
 * @param loginTimeout the time from connect to login
 * @param maxConnections the connections served at once
 */
public record FrontSetup(ServerPolicy policy, ServerTlsConfig tls, TlsProvider provider, ServeCertificate certificate,
    Duration loginTimeout, int maxConnections) {

  /**
   * Parses the policies and limits, and loads or generates the certificate.
   *
   * @param o the options
   * @param host the address listened on (named in a generated certificate)
   * @param defaultEncryption the encryption policy when {@code --encryption} is not given
   * @return the setup
   * @throws TdsConfigException if a value is invalid or options contradict each other
   */
  public static FrontSetup of(FrontOptions o, String host, ServerEncryption defaultEncryption) {
    ServerEncryption encryption = o.encryption == null ? defaultEncryption
        : ServeSetup.choice("--encryption", o.encryption, ServerEncryption.class);
    StrictPolicy strict = o.strict != null ? ServeSetup.choice("--strict", o.strict, StrictPolicy.class)
        : encryption == ServerEncryption.NOT_SUPPORTED ? StrictPolicy.DISABLED : StrictPolicy.ALLOWED;
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != StrictPolicy.DISABLED) {
      throw new TdsConfigException("--encryption not-supported means no TLS, so strict connections cannot be "
          + strict.name().toLowerCase(Locale.ROOT) + ": drop --strict or choose --encryption available or forced");
    }
    ClientCertPolicy clientCert = o.clientCertPolicy == null ? ClientCertPolicy.MS_TDS
        : ServeSetup.choice("--client-cert-policy", o.clientCertPolicy, ClientCertPolicy.class);
    ServerPolicy policy = new ServerPolicy(encryption, clientCert, strict)
        .withAlpn(ServeSetup.choice("--alpn", o.alpn, AlpnPolicy.class));
    Duration loginTimeout = Duration.ofSeconds(o.loginTimeoutSeconds == null ? 30 : positive("--login-timeout", o.loginTimeoutSeconds));
    int maxConnections = o.maxConnections == null ? 1000 : positive("--max-connections", o.maxConnections);
    TlsProvider provider = o.tlsProvider == null ? TlsProvider.JDK
        : ServeSetup.choice("--tls-provider", o.tlsProvider, TlsProvider.class);
    if (encryption == ServerEncryption.NOT_SUPPORTED) {
      if (o.cert != null || o.pkcs12 != null || !o.clientCas.isEmpty()) {
        throw new TdsConfigException("--encryption not-supported serves no TLS: drop --cert, --pkcs12 and --client-ca");
      }
      return new FrontSetup(policy, null, provider, null, loginTimeout, maxConnections);
    }
    TlsMaterial material = new TlsMaterial(o.cert, o.key,
        o.keyPassword == null ? null : Secret.parse("inline:" + o.keyPassword), o.pkcs12, o.clientCas,
        o.clientCertMode == null ? ClientCertificateMode.REQUIRED
            : ServeSetup.choice("--client-cert-mode", o.clientCertMode, ClientCertificateMode.class));
    ListenerConfig listener = new ListenerConfig(host, 0, material, o.certDir, encryption, strict, clientCert,
        provider.name().toLowerCase(Locale.ROOT), loginTimeout, maxConnections, "tds-tls gateway");
    ServeCertificate certificate = ServeCertificate.of(listener);
    return new FrontSetup(policy, ServeSetup.tls(listener, certificate), provider, certificate, loginTimeout,
        maxConnections);
  }

  private static int positive(String option, int value) {
    if (value < 1) {
      throw TdsConfigException.invalidValue(option, Integer.toString(value), List.of("a positive number"));
    }
    return value;
  }
}
