package io.tdstls.probe;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Enumerates, with raw ClientHellos ({@link ClientHelloWriter}) on one path, every version from
 * SSL 3.0 to TLS 1.3, every suite of the registry at each, the server's preference order, the
 * curves and TLS 1.3 groups (one offered at a time), TLS_FALLBACK_SCSV and secure renegotiation.
 *
 * <p>Suites are offered in batches of {@value #BATCH}; each time the server chooses one it is
 * removed and the rest offered again, until the server refuses the batch. One connection per
 * hello; a version whose first hello times out is not tried further.
 */
final class SuiteScanner {

  /** How many suites one hello offers (old servers fail on very long hellos). */
  static final int BATCH = 128;

  private final Target target;
  private final ScanPath path;
  private final Duration timeout;
  private final String sni;
  private int handshakes;
  private List<X509Certificate> chain = List.of();
  private Boolean renegotiation;
  private HelloReply.Kind lastKind;
  private boolean notTls;

  private SuiteScanner(Target target, ScanPath path, Duration timeout) {
    this.target = target;
    this.path = path;
    this.timeout = timeout;
    this.sni = target.host().contains(":") || target.host().matches("[0-9.]+") ? null : target.host();
  }

  static PathScan scan(Target target, ScanPath path, Duration timeout) {
    return new SuiteScanner(target, path, timeout).run();
  }

  private PathScan run() {
    List<PathScan.VersionScan> versions = new ArrayList<>();
    List<List<HelloReply>> accepted = new ArrayList<>();
    String detail = "";
    int silent = 0;
    for (WireVersion v : WireVersion.values()) {
      List<HelloReply> found = new ArrayList<>();
      String why = silent >= 2 || notTls ? "not tried: no TLS answer to the earlier versions" : enumerate(v, found);
      silent += found.isEmpty() && lastKind == HelloReply.Kind.TIMEOUT ? 1 : 0;
      notTls |= found.isEmpty() && lastKind == HelloReply.Kind.NOT_TLS;
      accepted.add(found);
      if (found.isEmpty() && detail.isEmpty()) {
        detail = why;
      }
      versions.add(null);
    }
    int rsaBits = rsaBits();
    String preference = "indeterminate";
    for (WireVersion v : WireVersion.values()) {
      if (accepted.get(v.ordinal()).size() >= 2) {
        preference = preference(v, accepted.get(v.ordinal()));
        break;
      }
    }
    for (WireVersion v : WireVersion.values()) {
      List<HelloReply> found = accepted.get(v.ordinal());
      if (preference.equals("server")) {
        found = serverOrder(v, found);
      }
      List<SuiteResult> results = new ArrayList<>();
      for (HelloReply r : found) {
        CipherSuite s = CipherSuites.byCode(r.suite());
        int bits = r.dhBits() > 0 ? r.dhBits() : r.group() != null ? r.group().bits()
            : s.kex().equals("RSA") ? rsaBits : 0;
        results.add(new SuiteResult(s, v, r.group(), bits, SuiteGrade.grade(s, v, bits)));
      }
      versions.set(v.ordinal(), new PathScan.VersionScan(v, results, found.isEmpty() ? "refused" : ""));
    }
    PathScan draft = new PathScan(path, versions, preference, List.of(), List.of(), null, renegotiation, chain,
        handshakes, "");
    List<NamedGroup> curves = curves(draft);
    List<NamedGroup> groups13 = draft.accepts(WireVersion.TLS_1_3) ? tls13Groups() : List.of();
    Boolean fallback = fallbackScsv(draft);
    return new PathScan(path, versions, preference, curves, groups13, fallback, renegotiation, chain, handshakes,
        draft.anyAccepted() ? "" : detail);
  }

  /** Offers every suite of one version in batches, removing each chosen one; returns why none was chosen. */
  private String enumerate(WireVersion v, List<HelloReply> found) {
    List<CipherSuite> pool = v == WireVersion.TLS_1_3 ? CipherSuites.TLS13 : CipherSuites.legacy();
    List<Integer> remaining = new ArrayList<>(CipherSuites.codes(pool));
    String why = "refused";
    while (!remaining.isEmpty()) {
      List<Integer> batch = new ArrayList<>(remaining.subList(0, Math.min(BATCH, remaining.size())));
      HelloReply r = hello(v, batch);
      if (r.chose() && r.version() == v && batch.contains(r.suite())) {
        found.add(r);
        remaining.remove(Integer.valueOf(r.suite()));
        continue;
      }
      if (r.chose()) { // another version, or a suite not offered: the server does not do this version properly
        return "the server answered " + (r.version() == null ? "?" : r.version().label()) + " "
            + CipherSuites.byCode(r.suite()).name();
      }
      why = r.detail();
      if (r.kind() == HelloReply.Kind.TIMEOUT || r.kind() == HelloReply.Kind.NOT_TLS || r.alert() == 70) {
        return why; // a timeout, not TLS, or protocol_version: nothing more at this version
      }
      // handshake_failure or a close (some stacks close instead of alerting): no suite of this batch
      remaining.removeAll(batch);
    }
    return why;
  }

  private HelloReply hello(WireVersion v, List<Integer> suites) {
    return hello(v, suites, v == WireVersion.TLS_1_3 ? tls13Groups(Arrays.asList(NamedGroup.values()))
        : Arrays.asList(NamedGroup.values()), false);
  }

  private HelloReply hello(WireVersion v, List<Integer> suites, List<NamedGroup> groups, boolean fallback) {
    List<Integer> offered = new ArrayList<>(suites);
    if (v != WireVersion.TLS_1_3) {
      offered.add(CipherSuites.EMPTY_RENEGOTIATION_INFO_SCSV);
    }
    if (fallback) {
      offered.add(CipherSuites.FALLBACK_SCSV);
    }
    handshakes++;
    HelloReply r = HelloExchange.exchange(target, path, ClientHelloWriter.write(v, offered, groups, sni), timeout);
    lastKind = r.kind();
    if (r.chose() && r.version() != WireVersion.TLS_1_3) {
      renegotiation = (renegotiation == null || renegotiation) && r.secureRenegotiation();
      if (chain.isEmpty() && !r.chain().isEmpty()) {
        chain = r.chain();
      }
    }
    return r;
  }

  /**
   * Offers the accepted suites in discovery order and reversed: the same pick both times means the
   * server imposes its order; each time the first offered means it follows the client's.
   */
  private String preference(WireVersion v, List<HelloReply> found) {
    List<Integer> forward = found.stream().map(HelloReply::suite).toList();
    List<Integer> reversed = new ArrayList<>(forward);
    Collections.reverse(reversed);
    HelloReply a = hello(v, forward);
    HelloReply b = hello(v, reversed);
    if (!a.chose() || !b.chose()) {
      return "indeterminate";
    }
    if (a.suite() == b.suite()) {
      return "server";
    }
    return a.suite() == forward.get(0) && b.suite() == reversed.get(0) ? "client" : "indeterminate";
  }

  /**
   * Puts suites found in different batches in the server's order: the server's pick among all of
   * them, removed, then its pick among the rest, and so on. Within one batch the rounds of
   * {@link #enumerate} already follow the server's order, so a single batch costs nothing.
   */
  private List<HelloReply> serverOrder(WireVersion v, List<HelloReply> found) {
    List<Integer> all = CipherSuites.codes(v == WireVersion.TLS_1_3 ? CipherSuites.TLS13 : CipherSuites.legacy());
    long batches = found.stream().map(r -> all.indexOf(r.suite()) / BATCH).distinct().count();
    if (batches < 2) {
      return found;
    }
    List<HelloReply> rest = new ArrayList<>(found);
    List<HelloReply> ordered = new ArrayList<>();
    while (rest.size() > 1) {
      HelloReply r = hello(v, rest.stream().map(HelloReply::suite).toList());
      HelloReply pick = rest.stream().filter(f -> r.chose() && f.suite() == r.suite()).findFirst().orElse(null);
      if (pick == null) {
        break; // the server does not answer as before: keep the discovery order for the rest
      }
      ordered.add(pick);
      rest.remove(pick);
    }
    ordered.addAll(rest);
    return ordered;
  }

  /** The curves for ECDHE at the best version 1.2 or lower that accepted an ECDHE suite, one at a time. */
  private List<NamedGroup> curves(PathScan draft) {
    for (WireVersion v : List.of(WireVersion.TLS_1_2, WireVersion.TLS_1_1, WireVersion.TLS_1_0, WireVersion.SSL_3_0)) {
      List<Integer> ecdhe = draft.versions().get(v.ordinal()).suites().stream()
          .filter(s -> s.suite().ellipticDh()).map(s -> s.suite().code()).toList();
      if (ecdhe.isEmpty()) {
        continue;
      }
      Set<NamedGroup> out = new LinkedHashSet<>();
      for (NamedGroup g : NamedGroup.values()) {
        if (g.finiteField() || g.code() > 30) {
          continue;
        }
        HelloReply r = hello(v, ecdhe, List.of(g), false);
        if (r.chose() && r.group() == g) {
          out.add(g);
        }
      }
      return List.copyOf(out);
    }
    return List.of();
  }

  private List<NamedGroup> tls13Groups() {
    List<NamedGroup> out = new ArrayList<>();
    List<Integer> suites = CipherSuites.codes(CipherSuites.TLS13);
    for (NamedGroup g : tls13Groups(Arrays.asList(NamedGroup.values()))) {
      HelloReply r = hello(WireVersion.TLS_1_3, suites, List.of(g), false);
      if (r.chose() && r.version() == WireVersion.TLS_1_3 && r.group() == g) {
        out.add(g);
      }
    }
    return out;
  }

  private static List<NamedGroup> tls13Groups(List<NamedGroup> all) {
    return all.stream().filter(NamedGroup::tls13).toList();
  }

  /** Offers the second-best version with TLS_FALLBACK_SCSV: a server that knows it refuses with inappropriate_fallback. */
  private Boolean fallbackScsv(PathScan draft) {
    List<WireVersion> accepted = draft.versions().stream().filter(PathScan.VersionScan::accepted)
        .map(PathScan.VersionScan::version).toList();
    if (accepted.size() < 2) {
      return null;
    }
    WireVersion lower = accepted.get(accepted.size() - 2);
    if (lower == WireVersion.TLS_1_3) {
      return null;
    }
    List<Integer> suites = draft.versions().get(lower.ordinal()).suites().stream().map(s -> s.suite().code()).toList();
    HelloReply r = hello(lower, suites, Arrays.asList(NamedGroup.values()), true);
    if (r.kind() == HelloReply.Kind.ALERT) {
      return r.alert() == HelloReply.INAPPROPRIATE_FALLBACK;
    }
    return r.chose() ? Boolean.FALSE : null;
  }

  private int rsaBits() {
    return !chain.isEmpty() && chain.get(0).getPublicKey() instanceof RSAPublicKey k ? k.getModulus().bitLength() : 0;
  }
}
