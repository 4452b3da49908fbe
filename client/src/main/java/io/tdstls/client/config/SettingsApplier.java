package io.tdstls.client.config;

import static io.tdstls.client.config.ConfigValues.MS_FALSE;
import static io.tdstls.client.config.ConfigValues.MS_TRUE;

import io.tdstls.client.ClientTlsProvider;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects the settings of one connection string (the last value of a key wins, as in SqlClient
 * and mssql-jdbc) and turns them into a {@link ConnectionConfig.Builder}. Settings that depend on
 * each other (trust store and its password, client certificate and key) are combined here, after
 * every key has been read.
 */
final class SettingsApplier {

  /** The accepted {@code Encrypt} values: Microsoft's, plus {@code off} for no encryption at all. */
  private static final List<String> ENCRYPT_VALUES =
      List.of("true", "yes", "mandatory", "false", "no", "optional", "strict", "off");
  /** The accepted {@code sslProtocol} values (mssql-jdbc). */
  private static final List<String> SSL_PROTOCOLS = List.of("TLS", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /** True values of Integrated Security (ADO.NET also accepts SSPI). */
  private static final List<String> INTEGRATED_TRUE = List.of("true", "yes", "sspi");

  private final Map<Setting, Entry> values = new EnumMap<>(Setting.class);
  private ServerAddress address;

  /** Records a value; a later value for the same setting replaces an earlier one. */
  void put(Setting setting, Entry entry) {
    if (setting != Setting.IGNORED) {
      values.put(setting, entry);
    }
  }

  /** Sets the address given outside the key/value pairs (the host part of a JDBC URL). */
  void address(ServerAddress base) {
    this.address = base;
  }

  ConnectionConfig.Builder toBuilder() {
    ConnectionConfig.Builder b = ConnectionConfig.builder();
    ServerAddress a = resolveAddress();
    if (a != null) {
      a.applyTo(b);
    }
    applyLogin(b);
    applyAuthentication(b);
    applyTimeouts(b);
    return b.tls(buildTls());
  }

  private ServerAddress resolveAddress() {
    ServerAddress a = address;
    Entry e = values.get(Setting.DATA_SOURCE);
    if (e != null) {
      a = ServerAddress.parseDataSource(e);
    }
    e = values.get(Setting.SERVER_NAME);
    if (e != null) {
      ServerAddress named = ServerAddress.parseServerName(e, e.value());
      a = a == null ? named : a.withHost(named.host(), named.instance());
    }
    a = a == null ? new ServerAddress(null, null, null) : a;
    e = values.get(Setting.INSTANCE);
    if (e != null) {
      a = a.withInstance(e.value().isBlank() ? null : e.value().trim());
    }
    e = values.get(Setting.PORT);
    if (e != null) {
      a = a.withPort(ConfigValues.integer(e, 1, 65535));
    }
    return a;
  }

  private void applyLogin(ConnectionConfig.Builder b) {
    ifSet(Setting.DATABASE, e -> b.database(e.value()));
    ifSet(Setting.USER, e -> b.user(e.value()));
    ifSet(Setting.PASSWORD, e -> b.password(ConfigValues.chars(e)));
    ifSet(Setting.APPLICATION_NAME, e -> b.applicationName(e.value()));
    ifSet(Setting.WORKSTATION, e -> b.workstationName(e.value()));
    ifSet(Setting.PACKET_SIZE, e -> b.packetSize(
        ConfigValues.integer(e, ConnectionConfig.MIN_PACKET_SIZE, ConnectionConfig.MAX_PACKET_SIZE)));
    ifSet(Setting.TDS_VERSION, e -> b.tdsVersion(ConfigValues.tdsVersion(e)));
    ifSet(Setting.TLS_PROVIDER, e -> b.tlsProvider(ClientTlsProvider.parse(e.key(), e.value())));
  }

  /**
   * Maps accessToken, Authentication, Integrated Security / Trusted_Connection,
   * authenticationScheme and ServerSPN onto one {@link ClientAuthentication}.
   */
  private void applyAuthentication(ConnectionConfig.Builder b) {
    Entry token = values.get(Setting.ACCESS_TOKEN);
    Entry keyword = values.get(Setting.AUTHENTICATION);
    Entry integrated = values.get(Setting.INTEGRATED_SECURITY);
    Entry scheme = values.get(Setting.AUTHENTICATION_SCHEME);
    Entry spn = values.get(Setting.SERVER_SPN);
    boolean kerberos = integrated != null && ConfigValues.bool(integrated, INTEGRATED_TRUE, MS_FALSE);
    if (scheme != null) {
      String v = scheme.value().trim();
      if (!v.equalsIgnoreCase("JavaKerberos")) {
        throw TdsConfigException.invalidValue(scheme.key(), scheme.value(), List.of("JavaKerberos"));
      }
    }
    ClientAuthentication chosen = null;
    if (keyword != null) {
      Entry user = values.get(Setting.USER);
      Entry password = values.get(Setting.PASSWORD);
      chosen = ClientAuthentication.fromAuthenticationKeyword(keyword.value(),
          java.util.Optional.ofNullable(user).map(Entry::value),
          java.util.Optional.ofNullable(password).map(ConfigValues::chars));
    }
    if (token != null) {
      if (chosen != null && chosen != ClientAuthentication.sqlPassword()) {
        throw new TdsConfigException(token.key() + " cannot be combined with " + keyword.key() + "=" + keyword.value()
            + ": remove one of them");
      }
      chosen = ClientAuthentication.accessToken(token.value());
    }
    if (kerberos) {
      if (chosen != null && chosen != ClientAuthentication.sqlPassword()) {
        throw new TdsConfigException(integrated.key() + " cannot be combined with "
            + (token != null ? token.key() : keyword.key()) + ": choose one way to authenticate");
      }
      chosen = ClientAuthentication.kerberos(spn == null ? null : spn.value());
    } else if (spn != null) {
      throw new TdsConfigException(spn.key() + " is set without integrated security: set "
          + (integrated != null ? integrated.key() : "Integrated Security / integratedSecurity") + "=true, or remove it");
    }
    if (chosen != null) {
      b.authentication(chosen);
    }
  }

  private void applyTimeouts(ConnectionConfig.Builder b) {
    ifSet(Setting.CONNECTION_TIMEOUT_SECONDS, e -> {
      b.connectTimeout(ConfigValues.seconds(e));
      b.loginTimeout(ConfigValues.seconds(e));
    });
    ifSet(Setting.READ_TIMEOUT_SECONDS, e -> b.readTimeout(ConfigValues.seconds(e)));
    ifSet(Setting.READ_TIMEOUT_MILLIS, e -> b.readTimeout(ConfigValues.millis(e)));
    ifSet(Setting.QUERY_TIMEOUT_SECONDS, e -> b.queryTimeout(ConfigValues.seconds(e)));
  }

  private TlsConfig buildTls() {
    TlsConfig.Builder t = TlsConfig.builder();
    ifSet(Setting.ENCRYPT, e -> t.mode(encryptMode(e)));
    ifSet(Setting.ENABLE_LEGACY_TLS, e -> t.enableLegacyTls(ConfigValues.bool(e, MS_TRUE, MS_FALSE)));
    ifSet(Setting.SSL_PROTOCOL, e -> applySslProtocol(t, e));
    ifSet(Setting.MIN_TLS_VERSION, e -> t.minProtocolVersion(ConfigValues.tlsVersion(e)));
    ifSet(Setting.MAX_TLS_VERSION, e -> t.maxProtocolVersion(ConfigValues.tlsVersion(e)));
    ifSet(Setting.CA_FILE, e -> t.caFile(ConfigValues.path(e)));
    ifSet(Setting.CRL_FILE, e -> t.crlFile(ConfigValues.path(e)));
    ifSet(Setting.HOST_NAME_IN_CERTIFICATE, e -> t.hostNameInCertificate(e.value()));
    ifSet(Setting.CHECK_CERTIFICATE_HOSTNAME, e -> t.hostnameVerification(ConfigValues.bool(e, MS_TRUE, MS_FALSE)));
    ifSet(Setting.SESSION_RESUMPTION, e -> t.sessionResumption(ConfigValues.bool(e, MS_TRUE, MS_FALSE)));
    ifSet(Setting.SERVER_CERTIFICATE, e -> t.serverCertificate(ConfigValues.path(e)));
    ifSet(Setting.SERVER_CERTIFICATE_SHA256, e -> t.serverCertificateSha256(e.value()));
    applyTrustStore(t);
    applyClientAuth(t);
    ifSet(Setting.TRUST_SERVER_CERTIFICATE, e -> t.dangerous().trustServerCertificate(ConfigValues.bool(e, MS_TRUE, MS_FALSE)));
    return t.build();
  }

  private static EncryptMode encryptMode(Entry e) {
    String v = e.value().trim().toLowerCase(Locale.ROOT);
    if (!ENCRYPT_VALUES.contains(v)) {
      throw TdsConfigException.invalidValue(e.key(), e.value(), ENCRYPT_VALUES);
    }
    return EncryptMode.parse(v);
  }

  /**
   * Maps mssql-jdbc's {@code sslProtocol}: {@code TLS} keeps the default range (1.2 to 1.3);
   * a named version is the only version offered ({@code TLSv1} and {@code TLSv1.1} also enable
   * legacy TLS).
   */
  private static void applySslProtocol(TlsConfig.Builder t, Entry e) {
    String v = e.value().trim();
    if (v.equalsIgnoreCase("TLS")) {
      return;
    }
    TlsVersion version = null;
    for (String p : SSL_PROTOCOLS) {
      if (p.equalsIgnoreCase(v)) {
        version = TlsVersion.forJavaName(p);
      }
    }
    if (version == null) {
      throw TdsConfigException.invalidValue(e.key(), e.value(), SSL_PROTOCOLS);
    }
    if (version.isLegacy()) {
      t.enableLegacyTls(true);
    }
    t.minProtocolVersion(version).maxProtocolVersion(version);
  }

  private void applyTrustStore(TlsConfig.Builder t) {
    Entry store = values.get(Setting.TRUST_STORE);
    Entry type = values.get(Setting.TRUST_STORE_TYPE);
    Entry password = values.get(Setting.TRUST_STORE_PASSWORD);
    if (store == null) {
      requireAbsent(type, "a trust store");
      requireAbsent(password, "a trust store");
      return;
    }
    t.trustStore(ConfigValues.path(store), type == null ? "PKCS12" : type.value().trim(),
        password == null ? null : ConfigValues.chars(password));
  }

  /**
   * Combines the client certificate settings: with a key, the certificate is a PEM chain and the
   * password decrypts the key; without one, the certificate is a PKCS#12 file and the password
   * opens it.
   */
  private void applyClientAuth(TlsConfig.Builder t) {
    Entry cert = values.get(Setting.CLIENT_CERTIFICATE);
    Entry key = values.get(Setting.CLIENT_KEY);
    Entry password = values.get(Setting.CLIENT_KEY_PASSWORD);
    if (cert == null) {
      requireAbsent(key, "a client certificate");
      requireAbsent(password, "a client certificate");
      return;
    }
    char[] pw = password == null ? null : ConfigValues.chars(password);
    t.clientAuth(key == null
        ? ClientAuth.pkcs12(ConfigValues.path(cert), pw)
        : ClientAuth.pem(ConfigValues.path(cert), ConfigValues.path(key), pw));
  }

  private static void requireAbsent(Entry e, String needs) {
    if (e != null) {
      throw new TdsConfigException(e.key() + " is set without " + needs + ": set that too, or remove " + e.key());
    }
  }

  private void ifSet(Setting s, Consumer<Entry> action) {
    Entry e = values.get(s);
    if (e != null) {
      action.accept(e);
    }
  }
}
