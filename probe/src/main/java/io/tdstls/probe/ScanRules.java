package io.tdstls.probe;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The findings of the raw suite scans ({@link PathScan}): protocol versions, weak suites, key
 * exchange, fallback and renegotiation. Each names the path it was seen on.
 */
final class ScanRules {

  private ScanRules() {}

  static void evaluate(PathScan scan, List<Finding> out) {
    if (!scan.anyAccepted()) {
      return;
    }
    String on = " (" + scan.path().label() + ")";
    if (scan.accepts(WireVersion.SSL_3_0)) {
      out.add(new Finding("sslv3", Severity.HIGH, "SSL 3.0 accepted" + on + ": POODLE",
          "disable SSL 3.0 on the server (Schannel: SSL 3.0 Server Enabled = 0)"));
    }
    for (WireVersion v : List.of(WireVersion.TLS_1_0, WireVersion.TLS_1_1)) {
      if (scan.accepts(v)) {
        out.add(new Finding("legacy-tls", Severity.MEDIUM, v.tlsVersion() + " accepted" + on,
            "disable TLS 1.0 and 1.1 on the server; TLS 1.2 is the minimum worth offering"));
      }
    }
    if (scan.path() == ScanPath.TDS7 && scan.accepts(WireVersion.TLS_1_3)) {
      out.add(new Finding("tls13-in-tds7", Severity.MEDIUM, "TLS 1.3 accepted inside TDS 7.x PRELOGIN wrapping",
          "cap the TDS 7.x path at TLS 1.2 (TLS 1.3 post-handshake messages break the wrapping); offer 1.3 via strict"));
    }
    suites(scan, s -> s.suite().nullCipher(), out, "null-cipher", Severity.CRITICAL, "suites without encryption (NULL)" + on,
        "remove the NULL suites from the server's cipher list");
    suites(scan, s -> s.suite().anonymous(), out, "anonymous-suites", Severity.HIGH,
        "anonymous suites (no server authentication, trivially intercepted)" + on, "remove the anon (aNULL) suites");
    suites(scan, s -> s.suite().export() || s.suite().singleDes(), out, "export-suites", Severity.HIGH,
        "export-grade or single-DES suites (FREAK, 56 bits or less)" + on, "remove the EXPORT and DES suites");
    suites(scan, s -> s.suite().rc4(), out, "rc4", Severity.HIGH, "RC4 suites (RFC 7465 forbids them)" + on,
        "remove the RC4 suites");
    suites(scan, s -> s.suite().block64(), out, "sweet32", Severity.MEDIUM,
        "64-bit block cipher suites, 3DES (SWEET32)" + on, "remove the 3DES (and IDEA) suites");
    suites(scan, s -> s.suite().finiteFieldDh() && s.keyBits() > 0 && s.keyBits() < 1024, out, "weak-dh",
        Severity.HIGH, "DH group under 1024 bits (Logjam)" + on, "use a DH group of 2048 bits or more (ffdhe2048), or ECDHE only");
    suites(scan, s -> s.suite().finiteFieldDh() && s.keyBits() >= 1024 && s.keyBits() < 2048, out, "weak-dh",
        Severity.MEDIUM, "DH group under 2048 bits (Logjam)" + on, "use a DH group of 2048 bits or more (ffdhe2048), or ECDHE only");
    if (scan.suites().stream().noneMatch(s -> s.suite().forwardSecret())) {
      out.add(new Finding("no-forward-secrecy", Severity.MEDIUM, "no suite with forward secrecy" + on,
          "enable ECDHE (and TLS 1.3) suites and prefer them"));
    } else {
      // INFO when the server imposes its order and puts forward secrecy first at every version: every client that can gets it
      boolean fsFirst = scan.serverPreference().equals("server") && scan.versions().stream()
          .filter(PathScan.VersionScan::accepted).allMatch(v -> v.suites().get(0).suite().forwardSecret());
      suites(scan, s -> !s.suite().forwardSecret() && !s.suite().anonymous() && !s.suite().nullCipher(), out,
          "static-key-exchange", fsFirst ? Severity.INFO : Severity.LOW, "suites without forward secrecy (static RSA or DH key exchange)" + on,
          "remove the TLS_RSA_* and static DH suites, or at least prefer ECDHE");
    }
    suites(scan, s -> s.suite().cbc() && s.version().compareTo(WireVersion.TLS_1_0) <= 0, out, "beast", Severity.LOW,
        "CBC suites in SSL 3.0 / TLS 1.0 (BEAST)" + on, "disable TLS 1.0 (and SSL 3.0)");
    if (Boolean.FALSE.equals(scan.fallbackScsv())) {
      // with TLS 1.3 the ServerHello random carries the downgrade sentinel (RFC 8446 4.1.3) for 1.3-capable clients
      out.add(new Finding("no-fallback-scsv", scan.accepts(WireVersion.TLS_1_3) ? Severity.INFO : Severity.LOW, "TLS_FALLBACK_SCSV not honoured: downgrades go unnoticed" + on,
          "update the TLS stack; a server honouring RFC 7507 refuses a fallback with inappropriate_fallback"));
    }
    if (Boolean.FALSE.equals(scan.secureRenegotiation())) {
      out.add(new Finding("insecure-renegotiation", Severity.MEDIUM,
          "no secure renegotiation (renegotiation_info absent, RFC 5746)" + on,
          "update the TLS stack so it supports RFC 5746, or disable renegotiation"));
    }
  }

  private static void suites(PathScan scan, Predicate<SuiteResult> which, List<Finding> out, String id, Severity severity,
      String title, String fix) {
    List<String> names = scan.suites().stream().filter(which).map(s -> s.suite().name()).distinct().toList();
    if (!names.isEmpty()) {
      String some = names.stream().limit(3).collect(Collectors.joining(", ")) + (names.size() > 3 ? ", ..." : "");
      out.add(new Finding(id, severity, names.size() + " " + title + ": " + some, fix));
    }
  }
}
