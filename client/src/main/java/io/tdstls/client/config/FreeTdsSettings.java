package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the merged settings of one freetds.conf server ({@code [global]} overridden by the
 * server's section) into a {@link ConnectionConfig.Builder}, with FreeTDS's semantics (see {@link
 * FreeTdsConf}).
 */
final class FreeTdsSettings {

  /** FreeTDS's boolean spellings (tds_config_boolean). */
  private static final List<String> TRUE = List.of("yes", "true", "on", "1");
  /** FreeTDS's boolean spellings for false. */
  private static final List<String> FALSE = List.of("no", "false", "off", "0");
  /** FreeTDS's {@code encryption} values. */
  private static final List<String> ENCRYPTION = List.of("off", "request", "require", "strict");

  private final Map<String, Entry> values;

  FreeTdsSettings(Map<String, Entry> values) {
    this.values = values;
  }

  ConnectionConfig.Builder toBuilder(String serverName) {
    ConnectionConfig.Builder b = ConnectionConfig.builder();
    Entry host = get("host");
    if (host != null) {
      b.host(ServerAddress.parseServerName(host, host.value()).host());
    } else {
      ServerAddress.parseHostPort(new Entry("server name", serverName)).applyTo(b);
    }
    Entry port = get("port");
    if (port != null) {
      b.port(ConfigValues.integer(port, 1, 65535));
    }
    Entry instance = get("instance");
    if (instance != null) {
      b.instanceName(instance.value());
    }
    Entry database = get("database");
    if (database != null) {
      b.database(database.value());
    }
    Entry version = get("tds version");
    if (version != null) {
      b.tdsVersion(ConfigValues.tdsVersion(version));
    }
    applyTimeouts(b);
    return b.tls(buildTls());
  }

  /** FreeTDS ignores timeouts of zero (its defaults stay); so does this. */
  private void applyTimeouts(ConnectionConfig.Builder b) {
    Entry query = get("timeout") != null ? get("timeout") : get("query timeout");
    if (query != null && positive(query)) {
      b.readTimeout(ConfigValues.seconds(query));
    }
    Entry connect = get("connect timeout");
    if (connect != null && positive(connect)) {
      Duration d = ConfigValues.seconds(connect);
      b.connectTimeout(d).loginTimeout(d);
    }
  }

  private TlsConfig buildTls() {
    TlsConfig.Builder t = TlsConfig.builder();
    EncryptMode mode = encryption();
    t.mode(mode);
    applyLegacyTls(t);
    Entry caFile = get("ca file");
    Entry checkHostname = get("check certificate hostname");
    if (checkHostname != null) {
      t.hostnameVerification(ConfigValues.bool(checkHostname, TRUE, FALSE));
    }
    Entry certificateHostname = get("certificate hostname");
    if (certificateHostname != null) {
      t.hostNameInCertificate(certificateHostname.value());
    }
    if (caFile != null) {
      t.caFile(caFile.value().equalsIgnoreCase("system") ? Path.of("system") : ConfigValues.path(caFile));
      Entry crlFile = get("crl file");
      if (crlFile != null) {
        t.crlFile(ConfigValues.path(crlFile));
      }
    } else if (mode != EncryptMode.STRICT && mode != EncryptMode.OFF) {
      // FreeTDS does not validate the certificate without a CA file: say so through the door.
      t.dangerous().trustServerCertificate(true);
    }
    return t.build();
  }

  private EncryptMode encryption() {
    Entry e = get("encryption");
    if (e == null) {
      return EncryptMode.OPTIONAL;
    }
    String v = e.value().toLowerCase(Locale.ROOT);
    if (!ENCRYPTION.contains(v)) {
      throw TdsConfigException.invalidValue(e.key(), e.value(), ENCRYPTION);
    }
    return EncryptMode.parse(v);
  }

  /** {@code enable tls v1} allows TLS 1.0 and up; {@code enable tls v1.1} alone allows 1.1 and up. */
  private void applyLegacyTls(TlsConfig.Builder t) {
    Entry v10 = get("enable tls v1");
    Entry v11 = get("enable tls v1.1");
    boolean tls10 = v10 != null && ConfigValues.bool(v10, TRUE, FALSE);
    boolean tls11 = v11 != null && ConfigValues.bool(v11, TRUE, FALSE);
    if (tls10) {
      t.enableLegacyTls(true);
    } else if (tls11) {
      t.enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_1);
    }
  }

  private static boolean positive(Entry e) {
    return !ConfigValues.seconds(e).isZero();
  }

  /** Returns a key's entry; an empty value counts as not set (it clears an inherited one). */
  private Entry get(String key) {
    Entry e = values.get(key);
    return e == null || e.value().isEmpty() ? null : e;
  }
}
