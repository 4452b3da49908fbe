package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable TLS settings of a client: encryption mode, protocol versions, how the server's
 * certificate is validated, and the client certificate.
 *
 * <p>Defaults are secure, as modern drivers have them: mode {@link EncryptMode#MANDATORY},
 * TLS 1.2 minimum, the JDK's default trust store, host name verification on. Weaker settings are
 * only taken when asked for by name: legacy TLS through {@link Builder#enableLegacyTls(boolean)},
 * and turning validation off only through the {@link Builder#dangerous()} door.
 *
 * <pre>{@code
 * TlsConfig config = TlsConfig.builder()
 *     .mode(EncryptMode.STRICT)
 *     .minProtocolVersion(TlsVersion.TLS_1_3)
 *     .caFile(Path.of("/etc/ssl/company-ca.pem"))
 *     .build();
 * }</pre>
 */
public final class TlsConfig {

  private final EncryptMode mode;
  private final TlsVersion minVersion;
  private final TlsVersion maxVersion;
  private final boolean legacyTlsEnabled;
  private final List<Path> caFiles;
  private final boolean systemTrust;
  private final Path trustStore;
  private final String trustStoreType;
  private final char[] trustStorePassword;
  private final List<Path> crlFiles;
  private final boolean hostnameVerification;
  private final String hostNameInCertificate;
  private final Path serverCertificate;
  private final byte[] serverCertificateSha256;
  private final boolean trustServerCertificate;
  private final ClientAuth clientAuth;
  private final List<String> cipherSuites;
  private final boolean sessionResumption;

  private TlsConfig(Builder b) {
    this.mode = b.mode;
    this.minVersion = b.minVersion;
    this.maxVersion = b.maxVersion;
    this.legacyTlsEnabled = b.legacyTlsEnabled;
    this.caFiles = List.copyOf(b.caFiles);
    this.systemTrust = b.systemTrust;
    this.trustStore = b.trustStore;
    this.trustStoreType = b.trustStoreType;
    this.trustStorePassword = b.trustStorePassword == null ? null : b.trustStorePassword.clone();
    this.crlFiles = List.copyOf(b.crlFiles);
    this.hostnameVerification = b.hostnameVerification;
    this.hostNameInCertificate = b.hostNameInCertificate;
    this.serverCertificate = b.serverCertificate;
    this.serverCertificateSha256 = b.serverCertificateSha256 == null ? null : b.serverCertificateSha256.clone();
    this.trustServerCertificate = b.trustServerCertificate;
    this.clientAuth = b.clientAuth;
    this.cipherSuites = List.copyOf(b.cipherSuites);
    this.sessionResumption = b.sessionResumption;
  }

  /**
   * Returns a builder with the secure defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the secure default configuration (mandatory encryption, full validation).
   *
   * @return the defaults
   */
  public static TlsConfig defaults() {
    return builder().build();
  }

  /**
   * Returns a builder initialised from this configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    b.minVersion = minVersion;
    b.maxVersion = maxVersion;
    b.legacyTlsEnabled = legacyTlsEnabled;
    b.caFiles.addAll(caFiles);
    b.systemTrust = systemTrust;
    b.trustStore = trustStore;
    b.trustStoreType = trustStoreType;
    b.trustStorePassword = trustStorePassword == null ? null : trustStorePassword.clone();
    b.crlFiles.addAll(crlFiles);
    b.hostnameVerification = hostnameVerification;
    b.hostNameInCertificate = hostNameInCertificate;
    b.serverCertificate = serverCertificate;
    b.serverCertificateSha256 = serverCertificateSha256 == null ? null : serverCertificateSha256.clone();
    b.trustServerCertificate = trustServerCertificate;
    b.clientAuth = clientAuth;
    b.cipherSuites.addAll(cipherSuites);
    b.sessionResumption = sessionResumption;
    return b;
  }

  /**
   * Returns the encryption mode.
   *
   * @return the mode; {@link EncryptMode#MANDATORY} by default
   */
  public EncryptMode mode() {
    return mode;
  }

  /**
   * Returns the lowest TLS version offered.
   *
   * @return TLS 1.2 by default
   */
  public TlsVersion minProtocolVersion() {
    return minVersion;
  }

  /**
   * Returns the highest TLS version offered (the TDS 7.x path caps it at TLS 1.2 regardless).
   *
   * @return TLS 1.3 by default
   */
  public TlsVersion maxProtocolVersion() {
    return maxVersion;
  }

  /**
   * Tells whether TLS 1.0 and 1.1 may be offered (FreeTDS {@code enable tls v1}).
   *
   * @return false by default
   */
  public boolean legacyTlsEnabled() {
    return legacyTlsEnabled;
  }

  /**
   * Returns the PEM files of trusted CA certificates.
   *
   * @return the files, possibly empty
   */
  public List<Path> caFiles() {
    return caFiles;
  }

  /**
   * Tells whether the JDK's default trust store is trusted: true when no CA file and no trust
   * store is configured, or when FreeTDS's {@code ca file = system} was given.
   *
   * @return whether system trust anchors are used
   */
  public boolean systemTrust() {
    return systemTrust || (caFiles.isEmpty() && trustStore == null);
  }

  /**
   * Returns the JKS or PKCS#12 trust store.
   *
   * @return the file, if configured
   */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /**
   * Returns the trust store type.
   *
   * @return {@code "PKCS12"} (default) or {@code "JKS"}
   */
  public String trustStoreType() {
    return trustStoreType;
  }

  /**
   * Returns the trust store password.
   *
   * @return a copy, or {@code null}
   */
  public char[] trustStorePassword() {
    return trustStorePassword == null ? null : trustStorePassword.clone();
  }

  /**
   * Returns the certificate revocation list files checked during validation.
   *
   * @return the files, possibly empty
   */
  public List<Path> crlFiles() {
    return crlFiles;
  }

  /**
   * Tells whether the certificate must name the host connected to (or {@link
   * #hostNameInCertificate()}).
   *
   * @return true by default
   */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /**
   * Returns the name the certificate is checked against instead of the host connected to
   * (Microsoft {@code hostNameInCertificate}; FreeTDS {@code certificate hostname}).
   *
   * @return the override, if set
   */
  public Optional<String> hostNameInCertificate() {
    return Optional.ofNullable(hostNameInCertificate);
  }

  /**
   * Returns the pinned server certificate file (Microsoft {@code serverCertificate}): the server
   * must present exactly this certificate.
   *
   * @return the PEM or DER file, if pinned
   */
  public Optional<Path> serverCertificate() {
    return Optional.ofNullable(serverCertificate);
  }

  /**
   * Returns the pinned SHA-256 fingerprint of the server certificate.
   *
   * @return a copy of the 32 bytes, if pinned
   */
  public Optional<byte[]> serverCertificateSha256() {
    return Optional.ofNullable(serverCertificateSha256).map(byte[]::clone);
  }

  /**
   * Tells whether the user configured what to trust: a CA file (or FreeTDS's {@code ca file =
   * system}), a trust store, or a pinned certificate (file or SHA-256). In {@link
   * EncryptMode#OPTIONAL} a login-only session validates the server certificate only then, as
   * FreeTDS does; full encryption and strict always validate.
   *
   * @return whether trust was configured explicitly
   */
  public boolean trustConfigured() {
    return systemTrust || !caFiles.isEmpty() || trustStore != null || serverCertificate != null
        || serverCertificateSha256 != null;
  }

  /**
   * Tells whether server certificate validation is turned off (never in strict mode). Set only
   * through {@link Builder#dangerous()}; every connection made with it logs a warning.
   *
   * @return false by default
   */
  public boolean trustServerCertificate() {
    return trustServerCertificate;
  }

  /**
   * Returns the client certificate for mutual TLS (strict mode only).
   *
   * @return the credentials, if configured
   */
  public Optional<ClientAuth> clientAuth() {
    return Optional.ofNullable(clientAuth);
  }

  /**
   * Returns the enabled cipher suites (JSSE names).
   *
   * @return the suites; empty means the JDK's defaults
   */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /**
   * Tells whether the client keeps TLS sessions (TLS 1.2 session IDs and tickets, TLS 1.3
   * pre-shared keys) to resume them on a later connection to the same host and port, with the
   * same configuration: a resumed handshake skips the certificate exchange and most of the key
   * agreement, which matters for pools that reconnect often.
   *
   * @return true by default
   */
  public boolean sessionResumption() {
    return sessionResumption;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TlsConfig)) {
      return false;
    }
    TlsConfig c = (TlsConfig) o;
    return mode == c.mode && minVersion == c.minVersion && maxVersion == c.maxVersion
        && legacyTlsEnabled == c.legacyTlsEnabled && caFiles.equals(c.caFiles) && systemTrust == c.systemTrust
        && Objects.equals(trustStore, c.trustStore) && trustStoreType.equals(c.trustStoreType)
        && Arrays.equals(trustStorePassword, c.trustStorePassword) && crlFiles.equals(c.crlFiles)
        && hostnameVerification == c.hostnameVerification
        && Objects.equals(hostNameInCertificate, c.hostNameInCertificate)
        && Objects.equals(serverCertificate, c.serverCertificate)
        && Arrays.equals(serverCertificateSha256, c.serverCertificateSha256)
        && trustServerCertificate == c.trustServerCertificate && Objects.equals(clientAuth, c.clientAuth)
        && cipherSuites.equals(c.cipherSuites) && sessionResumption == c.sessionResumption;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, minVersion, maxVersion, caFiles, trustStore, hostNameInCertificate, serverCertificate);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TlsConfig{mode=").append(mode.label())
        .append(", versions=").append(minVersion).append("..").append(maxVersion);
    if (legacyTlsEnabled) {
      b.append(", legacyTls");
    }
    if (!caFiles.isEmpty()) {
      b.append(", caFiles=").append(caFiles);
    }
    if (systemTrust()) {
      b.append(", systemTrust");
    }
    if (trustStore != null) {
      b.append(", trustStore=").append(trustStore);
    }
    if (!crlFiles.isEmpty()) {
      b.append(", crlFiles=").append(crlFiles);
    }
    b.append(", hostnameVerification=").append(hostnameVerification);
    if (hostNameInCertificate != null) {
      b.append(", hostNameInCertificate=").append(hostNameInCertificate);
    }
    if (serverCertificate != null) {
      b.append(", serverCertificate=").append(serverCertificate);
    }
    if (serverCertificateSha256 != null) {
      b.append(", sha256=").append(HexFormat.of().formatHex(serverCertificateSha256));
    }
    if (trustServerCertificate) {
      b.append(", TRUST_SERVER_CERTIFICATE");
    }
    if (clientAuth != null) {
      b.append(", clientAuth=").append(clientAuth);
    }
    if (!sessionResumption) {
      b.append(", noSessionResumption");
    }
    return b.append('}').toString();
  }

  /** Builds a {@link TlsConfig}; starts from the secure defaults. */
  public static final class Builder {
    private EncryptMode mode = EncryptMode.MANDATORY;
    private TlsVersion minVersion = TlsVersion.TLS_1_2;
    private TlsVersion maxVersion = TlsVersion.TLS_1_3;
    private boolean legacyTlsEnabled;
    private final List<Path> caFiles = new ArrayList<>();
    private boolean systemTrust;
    private Path trustStore;
    private String trustStoreType = "PKCS12";
    private char[] trustStorePassword;
    private final List<Path> crlFiles = new ArrayList<>();
    private boolean hostnameVerification = true;
    private String hostNameInCertificate;
    private Path serverCertificate;
    private byte[] serverCertificateSha256;
    private boolean trustServerCertificate;
    private ClientAuth clientAuth;
    private final List<String> cipherSuites = new ArrayList<>();
    private boolean sessionResumption = true;

    private Builder() {}

    /**
     * Sets the encryption mode.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(EncryptMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Chooses strict (TDS 8.0) or mandatory encryption, in the style of seed 000's {@code
     * strict_mode(true)}.
     *
     * @param strict true for {@link EncryptMode#STRICT}, false for {@link EncryptMode#MANDATORY}
     * @return this builder
     */
    public Builder strictMode(boolean strict) {
      return mode(strict ? EncryptMode.STRICT : EncryptMode.MANDATORY);
    }

    /**
     * Sets the lowest TLS version offered. TLS 1.0 and 1.1 also need {@link
     * #enableLegacyTls(boolean)}.
     *
     * @param version the minimum
     * @return this builder
     */
    public Builder minProtocolVersion(TlsVersion version) {
      this.minVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the highest TLS version offered.
     *
     * @param version the maximum
     * @return this builder
     */
    public Builder maxProtocolVersion(TlsVersion version) {
      this.maxVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Allows TLS 1.0 and 1.1 (FreeTDS {@code enable tls v1}) for servers that support nothing
     * newer. Lowers the minimum to TLS 1.0 unless a minimum was set; every connection that
     * negotiates a legacy version logs a warning.
     *
     * @param enabled whether legacy versions may be offered
     * @return this builder
     */
    public Builder enableLegacyTls(boolean enabled) {
      this.legacyTlsEnabled = enabled;
      if (enabled && minVersion == TlsVersion.TLS_1_2) {
        minVersion = TlsVersion.TLS_1_0;
      } else if (!enabled && minVersion.isLegacy()) {
        minVersion = TlsVersion.TLS_1_2;
      }
      return this;
    }

    /**
     * Adds a PEM file of trusted CA certificates (seed 000 {@code ca_certificate_path}; FreeTDS
     * {@code ca file}). The special value {@code system} (FreeTDS) means the JDK's default trust
     * store.
     *
     * @param caFile the PEM file
     * @return this builder
     */
    public Builder caFile(Path caFile) {
      Objects.requireNonNull(caFile, "caFile");
      if (caFile.toString().equals("system")) {
        systemTrust = true;
      } else {
        caFiles.add(caFile);
      }
      return this;
    }

    /**
     * Also trusts the JDK's default trust store when CA files or a trust store are configured.
     *
     * @param systemTrust whether to include the system trust anchors
     * @return this builder
     */
    public Builder systemTrust(boolean systemTrust) {
      this.systemTrust = systemTrust;
      return this;
    }

    /**
     * Sets a JKS or PKCS#12 trust store.
     *
     * @param file the trust store
     * @param type {@code "PKCS12"} or {@code "JKS"}
     * @param password its password, or {@code null}
     * @return this builder
     */
    public Builder trustStore(Path file, String type, char[] password) {
      this.trustStore = Objects.requireNonNull(file, "file");
      String t = Objects.requireNonNull(type, "type").toUpperCase(java.util.Locale.ROOT);
      if (!t.equals("PKCS12") && !t.equals("JKS")) {
        throw TdsConfigException.invalidValue("trust store type", type, List.of("PKCS12", "JKS"));
      }
      this.trustStoreType = t;
      this.trustStorePassword = password == null ? null : password.clone();
      return this;
    }

    /**
     * Adds a certificate revocation list file (PEM or DER), checked during validation (FreeTDS
     * {@code crl file}).
     *
     * @param crlFile the CRL file
     * @return this builder
     */
    public Builder crlFile(Path crlFile) {
      crlFiles.add(Objects.requireNonNull(crlFile, "crlFile"));
      return this;
    }

    /**
     * Turns host name verification on or off (FreeTDS {@code check certificate hostname}). On by
     * default; the chain is still validated when it is off.
     *
     * @param enabled whether the certificate must name the host
     * @return this builder
     */
    public Builder hostnameVerification(boolean enabled) {
      this.hostnameVerification = enabled;
      return this;
    }

    /**
     * Sets the name the certificate is checked against, when it differs from the host connected
     * to (Microsoft {@code hostNameInCertificate}; FreeTDS {@code certificate hostname}).
     *
     * @param name the expected name, or {@code null} for the host connected to
     * @return this builder
     */
    public Builder hostNameInCertificate(String name) {
      this.hostNameInCertificate = name == null || name.isBlank() ? null : name.trim();
      return this;
    }

    /**
     * Pins the server certificate (Microsoft {@code serverCertificate}): the server must present
     * exactly the certificate in this PEM or DER file. Replaces chain and host name checks.
     *
     * @param file the certificate file
     * @return this builder
     */
    public Builder serverCertificate(Path file) {
      this.serverCertificate = file;
      return this;
    }

    /**
     * Pins the SHA-256 fingerprint of the server certificate. Replaces chain and host name checks.
     *
     * @param fingerprint 32 bytes
     * @return this builder
     */
    public Builder serverCertificateSha256(byte[] fingerprint) {
      if (fingerprint != null && fingerprint.length != 32) {
        throw new TdsConfigException("a SHA-256 fingerprint is 32 bytes (64 hex digits), got " + fingerprint.length + " bytes");
      }
      this.serverCertificateSha256 = fingerprint == null ? null : fingerprint.clone();
      return this;
    }

    /**
     * Pins the SHA-256 fingerprint of the server certificate, given in hex (colons and spaces
     * allowed, as {@code openssl x509 -fingerprint -sha256} prints it).
     *
     * @param hex 64 hex digits
     * @return this builder
     */
    public Builder serverCertificateSha256(String hex) {
      String clean = hex.replace(":", "").replace(" ", "").trim();
      try {
        return serverCertificateSha256(HexFormat.of().parseHex(clean));
      } catch (IllegalArgumentException e) {
        throw new TdsConfigException("invalid SHA-256 fingerprint '" + hex + "': expected 64 hex digits", e);
      }
    }

    /**
     * Sets the client certificate for mutual TLS. Only strict mode sends it.
     *
     * @param clientAuth the credentials, or {@code null} for none
     * @return this builder
     */
    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = clientAuth;
      return this;
    }

    /**
     * Restricts the cipher suites (JSSE names).
     *
     * @param suites the suites, in order of preference; empty for the JDK's defaults
     * @return this builder
     */
    public Builder cipherSuites(List<String> suites) {
      cipherSuites.clear();
      cipherSuites.addAll(suites);
      return this;
    }

    /**
     * Turns the client's TLS session cache on or off ({@link TlsConfig#sessionResumption()}). On
     * by default; off, every connection makes a full handshake.
     *
     * @param enabled whether sessions are kept and resumed
     * @return this builder
     */
    public Builder sessionResumption(boolean enabled) {
      this.sessionResumption = enabled;
      return this;
    }

    /**
     * Opens the door to settings that remove protection against a man in the middle. Each is
     * named for what it gives up.
     *
     * @return the dangerous settings of this builder
     */
    public Dangerous dangerous() {
      return new Dangerous(this);
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     * @throws TdsConfigException if settings contradict each other, with what to change
     */
    public TlsConfig build() {
      if (minVersion.compareTo(maxVersion) > 0) {
        throw new TdsConfigException("the minimum TLS version " + minVersion + " is above the maximum " + maxVersion);
      }
      if (minVersion.isLegacy() && !legacyTlsEnabled) {
        throw new TdsConfigException("TLS versions below 1.2 are refused unless enabled by name: call"
            + " enableLegacyTls(true) (FreeTDS: enable tls v1 = yes), and only for a server that cannot be upgraded");
      }
      if (trustServerCertificate && mode == EncryptMode.STRICT) {
        throw new TdsConfigException("trustServerCertificate is not honoured in strict mode: the server"
            + " certificate is always validated. Add its CA (caFile) or pin it (serverCertificate)");
      }
      if (clientAuth != null && mode != EncryptMode.STRICT) {
        throw new TdsConfigException("a client certificate is only sent in strict mode (TDS 8.0):"
            + " set the mode to strict or remove the client certificate");
      }
      return new TlsConfig(this);
    }
  }

  /**
   * Settings that remove protection against a man in the middle, reached through {@link
   * Builder#dangerous()} so that no one sets them by accident.
   */
  public static final class Dangerous {
    private final Builder builder;

    private Dangerous(Builder builder) {
      this.builder = builder;
    }

    /**
     * Accepts any server certificate without validation (Microsoft {@code
     * TrustServerCertificate=true}). Anyone able to intercept the connection can then read the
     * password and the data. Not allowed in strict mode; every connection logs a warning.
     *
     * @param trust whether to skip validation
     * @return the builder
     */
    public Builder trustServerCertificate(boolean trust) {
      builder.trustServerCertificate = trust;
      return builder;
    }
  }
}
