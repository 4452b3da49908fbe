package io.tdstls.probe;

import io.tdstls.tls.pki.CertificateFiles;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the probe runs: the per-connection timeout, how many targets are probed at once, the extra
 * trust anchors of {@code --ca-file}, and the clock certificate validity is judged by.
 */
public final class ProbeOptions {

  private final Duration timeout;
  private final int parallelism;
  private final List<X509Certificate> caCertificates;
  private final Clock clock;

  private ProbeOptions(Builder b) {
    this.timeout = b.timeout;
    this.parallelism = b.parallelism;
    this.caCertificates = List.copyOf(b.caCertificates);
    this.clock = b.clock;
  }

  /**
   * Returns a builder with a 5 s timeout, 8 targets at once, no CA file and the system clock.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the options a builder starts with.
   *
   * @return the defaults
   */
  public static ProbeOptions defaults() {
    return builder().build();
  }

  /**
   * Returns the longest time one connection may take: connecting, and waiting for each reply.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns how many targets are probed at the same time.
   *
   * @return 1 or more
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Returns the trust anchors read from {@code --ca-file}.
   *
   * @return the certificates, possibly none
   */
  public List<X509Certificate> caCertificates() {
    return caCertificates;
  }

  /**
   * Returns the clock "days left" and expiry are computed with.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /** Builds {@link ProbeOptions}. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(5);
    private int parallelism = 8;
    private final List<X509Certificate> caCertificates = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the per-connection timeout.
     *
     * @param timeout more than zero, at most 10 minutes
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("the timeout must be more than 0 and at most 10 minutes, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how many targets are probed at the same time.
     *
     * @param parallelism 1..64
     * @return this builder
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > 64) {
        throw new IllegalArgumentException("parallelism must be 1..64, was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Adds the certificates of a PEM or DER file as trust anchors, in addition to the system
     * trust store.
     *
     * @param file the CA file
     * @return this builder
     * @throws io.tdstls.error.TdsConfigException if the file cannot be read or holds no certificate
     */
    public Builder caFile(Path file) {
      caCertificates.addAll(CertificateFiles.readChain(file));
      return this;
    }

    /**
     * Adds a trust anchor.
     *
     * @param certificate the CA certificate
     * @return this builder
     */
    public Builder addCaCertificate(X509Certificate certificate) {
      caCertificates.add(Objects.requireNonNull(certificate, "certificate"));
      return this;
    }

    /**
     * Sets the clock certificate validity is judged by.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public ProbeOptions build() {
      return new ProbeOptions(this);
    }
  }
}
