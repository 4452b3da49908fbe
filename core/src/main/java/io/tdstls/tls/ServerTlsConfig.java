package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.tls.pki.CertifiedKey;
import io.tdstls.tls.pki.KeyStoreFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable TLS settings of a TDS server endpoint: its certificate, TLS versions, cipher
 * suites and client certificate authentication (strict path only).
 *
 * <pre>{@code
 * ServerTlsConfig config = ServerTlsConfig.builder()
 *     .certificatePem(Path.of("server-chain.pem"), Path.of("server.key"), null)
 *     .clientCertificates(ClientCertificateMode.REQUIRED)
 *     .addTrustedClientCa(Path.of("client-ca.pem"))
 *     .build();
 * ServerEngineFactory tls = new ServerEngineFactory(config);
 * }</pre>
 *
 * <p>Files are read when a {@link ServerEngineFactory} is created and again on each {@link
 * ServerEngineFactory#reload()}, so a renewed certificate can be picked up without a restart.
 */
public final class ServerTlsConfig {

  private final CertificateSource source;
  private final TlsVersion minVersion;
  private final TlsVersion maxVersion;
  private final boolean legacyTlsEnabled;
  private final List<String> cipherSuites;
  private final ClientCertificateMode clientCertificateMode;
  private final List<Path> trustedClientCaFiles;

  private ServerTlsConfig(Builder b) {
    this.source = b.source;
    this.minVersion = b.minVersion;
    this.maxVersion = b.maxVersion;
    this.legacyTlsEnabled = b.legacyTlsEnabled;
    this.cipherSuites = List.copyOf(b.cipherSuites);
    this.clientCertificateMode = b.clientCertificateMode;
    this.trustedClientCaFiles = List.copyOf(b.trustedClientCaFiles);
  }

  /**
   * Returns the files the certificate, key and client CAs are read from: replacing any of them is
   * picked up by {@link ServerEngineFactory#reloadIfChanged()}.
   *
   * @return the files; empty for material held in memory without client CAs
   */
  public List<Path> watchedFiles() {
    List<Path> files = new ArrayList<>(source.files());
    files.addAll(trustedClientCaFiles);
    return List.copyOf(files);
  }

  /**
   * Returns a builder: TLS 1.2 to 1.3, JDK cipher suites, no client certificates. A certificate
   * source must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the server's key and chain from its source (files are read on every call).
   *
   * @return the key and chain
   * @throws TdsConfigException if a file cannot be read or parsed
   */
  public CertifiedKey loadCertifiedKey() {
    return source.load();
  }

  /**
   * Returns the lowest TLS version accepted.
   *
   * @return TLS 1.2 by default
   */
  public TlsVersion minProtocolVersion() {
    return minVersion;
  }

  /**
   * Returns the highest TLS version accepted (the TDS 7.x path caps it at TLS 1.2 regardless).
   *
   * @return TLS 1.3 by default
   */
  public TlsVersion maxProtocolVersion() {
    return maxVersion;
  }

  /**
   * Tells whether TLS 1.0 and 1.1 may be accepted on the TDS 7.x path.
   *
   * @return false by default
   */
  public boolean legacyTlsEnabled() {
    return legacyTlsEnabled;
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
   * Returns whether strict clients are asked for a certificate.
   *
   * @return {@link ClientCertificateMode#NONE} by default
   */
  public ClientCertificateMode clientCertificateMode() {
    return clientCertificateMode;
  }

  /**
   * Returns the PEM files of the CAs whose client certificates are accepted.
   *
   * @return the files, possibly empty
   */
  public List<Path> trustedClientCaFiles() {
    return trustedClientCaFiles;
  }

  @Override
  public String toString() {
    return "ServerTlsConfig{certificate=" + source + ", versions=" + minVersion + ".." + maxVersion
        + (legacyTlsEnabled ? ", legacyTls" : "") + ", clientCertificates=" + clientCertificateMode
        + (trustedClientCaFiles.isEmpty() ? "" : ", clientCas=" + trustedClientCaFiles) + "}";
  }

  /** Where the server's key and chain come from. */
  private interface CertificateSource {
    CertifiedKey load();

    /** The files the material is read from, watched for hot reload; none when held in memory. */
    default List<Path> files() {
      return List.of();
    }
  }

  /** Builds a {@link ServerTlsConfig}. */
  public static final class Builder {
    private CertificateSource source;
    private TlsVersion minVersion = TlsVersion.TLS_1_2;
    private TlsVersion maxVersion = TlsVersion.TLS_1_3;
    private boolean legacyTlsEnabled;
    private final List<String> cipherSuites = new ArrayList<>();
    private ClientCertificateMode clientCertificateMode = ClientCertificateMode.NONE;
    private final List<Path> trustedClientCaFiles = new ArrayList<>();

    private Builder() {}

    /**
     * Uses a PEM certificate chain and a PEM private key.
     *
     * @param chain the certificate chain, server certificate first
     * @param key the private key (PKCS#1, PKCS#8, SEC1; possibly encrypted)
     * @param keyPassword the key's password, or {@code null} if it is not encrypted
     * @return this builder
     */
    public Builder certificatePem(Path chain, Path key, char[] keyPassword) {
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(key, "key");
      char[] password = keyPassword == null ? null : keyPassword.clone();
      this.source = new CertificateSource() {
        @Override
        public CertifiedKey load() {
          return CertifiedKey.fromPemFiles(chain, key, password);
        }

        @Override
        public List<Path> files() {
          return List.of(chain, key);
        }

        @Override
        public String toString() {
          return "PEM " + chain + " + " + key;
        }
      };
      return this;
    }

    /**
     * Uses a PKCS#12 file holding the key and its chain.
     *
     * @param file the PKCS#12 file
     * @param password its password (also the key's), or {@code null}
     * @return this builder
     */
    public Builder pkcs12(Path file, char[] password) {
      Objects.requireNonNull(file, "file");
      char[] copy = password == null ? null : password.clone();
      this.source = new CertificateSource() {
        @Override
        public CertifiedKey load() {
          return KeyStoreFiles.readCertifiedKey(file, "PKCS12", copy);
        }

        @Override
        public List<Path> files() {
          return List.of(file);
        }

        @Override
        public String toString() {
          return "PKCS12 " + file;
        }
      };
      return this;
    }

    /**
     * Uses a key and chain held in memory, for example a generated self-signed certificate.
     *
     * @param key the key and chain
     * @return this builder
     */
    public Builder certifiedKey(CertifiedKey key) {
      Objects.requireNonNull(key, "key");
      this.source = new CertificateSource() {
        @Override
        public CertifiedKey load() {
          return key;
        }

        @Override
        public String toString() {
          return "in memory " + key.leaf().getSubjectX500Principal().getName();
        }
      };
      return this;
    }

    /**
     * Sets the lowest TLS version accepted.
     *
     * @param version the minimum; TLS 1.0 and 1.1 also need {@link #enableLegacyTls(boolean)}
     * @return this builder
     */
    public Builder minProtocolVersion(TlsVersion version) {
      this.minVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the highest TLS version accepted.
     *
     * @param version the maximum
     * @return this builder
     */
    public Builder maxProtocolVersion(TlsVersion version) {
      this.maxVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Allows TLS 1.0 and 1.1 on the TDS 7.x path, for old clients (see {@link
     * ClientEngineFactory} about the JVM setting this also needs).
     *
     * @param enabled whether legacy versions may be accepted
     * @return this builder
     */
    public Builder enableLegacyTls(boolean enabled) {
      this.legacyTlsEnabled = enabled;
      return this;
    }

    /**
     * Restricts the cipher suites (JSSE names).
     *
     * @param suites the suites; empty for the JDK's defaults
     * @return this builder
     */
    public Builder cipherSuites(List<String> suites) {
      cipherSuites.clear();
      cipherSuites.addAll(suites);
      return this;
    }

    /**
     * Sets whether strict (TDS 8.0) clients are asked for a certificate. The TDS 7.x path never
     * asks.
     *
     * @param mode none, optional or required
     * @return this builder
     */
    public Builder clientCertificates(ClientCertificateMode mode) {
      this.clientCertificateMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Adds a PEM file of CA certificates whose client certificates are accepted.
     *
     * @param caFile the PEM file
     * @return this builder
     */
    public Builder addTrustedClientCa(Path caFile) {
      trustedClientCaFiles.add(Objects.requireNonNull(caFile, "caFile"));
      return this;
    }

    /**
     * Builds the configuration (files are not read yet).
     *
     * @return the immutable configuration
     * @throws TdsConfigException if settings are missing or contradict each other, with what to
     *     change
     */
    public ServerTlsConfig build() {
      if (source == null) {
        throw new TdsConfigException("a TLS server needs a certificate: call certificatePem, pkcs12 or certifiedKey");
      }
      if (minVersion.compareTo(maxVersion) > 0) {
        throw new TdsConfigException("the minimum TLS version " + minVersion + " is above the maximum " + maxVersion);
      }
      if (minVersion.isLegacy() && !legacyTlsEnabled) {
        throw new TdsConfigException("TLS versions below 1.2 are refused unless enabled by name: call"
            + " enableLegacyTls(true), and only for clients that cannot be upgraded");
      }
      if (clientCertificateMode != ClientCertificateMode.NONE && trustedClientCaFiles.isEmpty()) {
        throw new TdsConfigException("client certificates are " + clientCertificateMode
            + " but no client CA is trusted: add the CA that issues client certificates with addTrustedClientCa");
      }
      return new ServerTlsConfig(this);
    }
  }
}
