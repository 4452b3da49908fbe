package io.tdstls.probe;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Everything the raw handshakes learnt on one path of one endpoint.
 *
 * @param path the path
 * @param versions one entry per version from SSL 3.0 to TLS 1.3
 * @param serverPreference "server", "client" or "indeterminate" (fewer than two suites at every version)
 * @param curves the curves the server accepts for ECDHE in TLS 1.2 and earlier, one offered at a time
 * @param tls13Groups the groups the server accepts in TLS 1.3, one offered at a time
 * @param fallbackScsv whether TLS_FALLBACK_SCSV at a lower version is refused (null: not testable, fewer than two versions)
 * @param secureRenegotiation whether the ServerHello of TLS 1.2 or earlier carries renegotiation_info (null: no such version)
 * @param chain the certificates of the first TLS 1.2-or-earlier handshake, leaf first (empty if none)
 * @param handshakes how many raw ClientHellos were sent
 * @param detail why nothing was learnt (empty otherwise)
 */
public record PathScan(ScanPath path, List<VersionScan> versions, String serverPreference, List<NamedGroup> curves,
    List<NamedGroup> tls13Groups, Boolean fallbackScsv, Boolean secureRenegotiation, List<X509Certificate> chain,
    int handshakes, String detail) {

  /**
   * Copies the lists.
   *
   * @param path see the record component
   * @param versions see the record component
   * @param serverPreference see the record component
   * @param curves see the record component
   * @param tls13Groups see the record component
   * @param fallbackScsv see the record component
   * @param secureRenegotiation see the record component
   * @param chain see the record component
   * @param handshakes see the record component
   * @param detail see the record component
   */
  public PathScan {
    Objects.requireNonNull(path, "path");
    versions = List.copyOf(versions);
    curves = List.copyOf(curves);
    tls13Groups = List.copyOf(tls13Groups);
    chain = List.copyOf(chain);
  }

  /**
   * Returns every accepted suite at every version.
   *
   * @return the suites, by version then preference
   */
  public List<SuiteResult> suites() {
    return versions.stream().flatMap(v -> v.suites().stream()).toList();
  }

  /**
   * Tells whether a version was accepted.
   *
   * @param v the version
   * @return whether at least one suite was accepted at it
   */
  public boolean accepts(WireVersion v) {
    return versions.stream().anyMatch(s -> s.version() == v && s.accepted());
  }

  /** @return whether any version was accepted */
  public boolean anyAccepted() {
    return versions.stream().anyMatch(VersionScan::accepted);
  }

  /**
   * The scan of one version on one path.
   *
   * @param version the version offered
   * @param suites the suites accepted, in the server's order of preference when it has one
   * @param detail why none was accepted (empty otherwise)
   */
  public record VersionScan(WireVersion version, List<SuiteResult> suites, String detail) {
    /**
     * Copies the list.
     *
     * @param version see the record component
     * @param suites see the record component
     * @param detail see the record component
     */
    public VersionScan {
      suites = List.copyOf(suites);
    }

    /** @return whether at least one suite was accepted */
    public boolean accepted() {
      return !suites.isEmpty();
    }
  }
}
