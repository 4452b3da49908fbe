package io.tdstls.probe;

import java.util.List;
import java.util.Locale;

/**
 * Renders probe reports as one JSON document:
 * {@code {"exitCode":3,"worst":"high","targets":[{...}, ...]}}, with every field of {@link
 * ProbeReport} (enum values in lower case, instants in ISO-8601).
 */
public final class ReportJson {

  private ReportJson() {}

  /**
   * Renders reports.
   *
   * @param reports the reports, one per target
   * @return the JSON document, on one line
   */
  public static String render(List<ProbeReport> reports) {
    JsonWriter w = new JsonWriter().beginObject();
    int exit = ProbeReport.exitCode(reports);
    w.member("exitCode", exit);
    w.member("worst", reports.stream().map(ProbeReport::worst).max(Enum::compareTo).orElse(Severity.INFO).label());
    w.name("targets").beginArray();
    for (ProbeReport r : reports) {
      report(w, r);
    }
    return w.endArray().endObject().toString();
  }

  private static void report(JsonWriter w, ProbeReport r) {
    w.beginObject();
    w.member("target", r.target().toString()).member("host", r.target().host()).member("port", r.target().port());
    w.member("posture", lower(r.posture())).member("postureLabel", r.posture().label());
    w.member("cleartextLoginAccepted", r.cleartextLoginAccepted()).member("clientCertRefused", r.clientCertRefused());
    w.name("consistentWith").beginArray();
    r.consistentWith().forEach(c -> w.value(c.toString()));
    w.endArray();
    w.name("prelogin").beginArray();
    for (PreloginReply p : r.prelogin()) {
      w.beginObject().member("probe", lower(p.probe())).member("sent", String.format("0x%02X", p.probe().sent().raw()))
          .member("reply", lower(p.kind()));
      p.encryption().ifPresent(e -> w.member("encryption", String.format("0x%02X", e.raw())).member("encryptionName", e.toString()));
      w.member("detail", p.detail()).endObject();
    }
    w.endArray();
    w.name("tls7");
    attempts(w, r.tls7());
    strict(w, r.strict());
    w.name("server");
    r.fields().ifPresentOrElse(f -> fields(w, f), () -> w.value((String) null));
    w.name("certificate");
    r.certificateFacts().ifPresentOrElse(c -> certificate(w, c), () -> w.value((String) null));
    w.member("worst", r.worst().label());
    w.name("findings").beginArray();
    for (Finding f : r.findings()) {
      w.beginObject().member("id", f.id()).member("severity", f.severity().label()).member("title", f.title())
          .member("fix", f.fix()).endObject();
    }
    w.endArray().endObject();
  }

  private static void attempts(JsonWriter w, List<TlsAttempt> attempts) {
    w.beginArray();
    for (TlsAttempt a : attempts) {
      w.beginObject().member("version", a.version().javaName()).member("status", lower(a.status()))
          .member("cipherSuite", a.cipherSuite()).member("alpn", a.alpn()).member("detail", a.detail()).endObject();
    }
    w.endArray();
  }

  private static void strict(JsonWriter w, StrictResult s) {
    w.name("strict").beginObject().member("support", lower(s.support())).member("withAlpn", s.withAlpn())
        .member("withoutAlpn", s.withoutAlpn()).member("alpnSelected", s.alpnSelected());
    w.name("versions");
    attempts(w, s.versions());
    w.endObject();
  }

  private static void fields(JsonWriter w, ServerFields f) {
    w.beginObject().member("version", f.version().toString()).member("product", f.productName())
        .member("encryption", f.encryption()).member("mars", f.mars()).member("fedAuthRequired", f.fedAuthRequired())
        .member("instance", f.instance()).member("threadId", f.threadIdPresent()).member("nonce", f.noncePresent())
        .endObject();
  }

  private static void certificate(JsonWriter w, CertificateFacts c) {
    w.beginObject().member("subject", c.subject());
    w.name("subjectAlternativeNames").beginArray();
    c.subjectAlternativeNames().forEach(w::value);
    w.endArray();
    w.member("issuer", c.issuer()).member("notBefore", c.notBefore().toString()).member("notAfter", c.notAfter().toString())
        .member("daysLeft", c.daysLeft()).member("keyAlgorithm", c.keyAlgorithm()).member("keyBits", c.keyBits())
        .member("signatureAlgorithm", c.signatureAlgorithm()).member("serverAuthEku", c.serverAuthEku())
        .member("chainLength", c.chainLength()).member("chain", lower(c.chainShape()))
        .member("selfSigned", c.selfSigned()).member("sqlServerFallback", c.sqlServerFallback())
        .member("hostname", c.hostname()).member("hostnameMatches", c.hostnameMatches())
        .member("systemTrust", lower(c.systemTrust())).member("caFileTrust", lower(c.caFileTrust()))
        .member("sha256", c.sha256()).endObject();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
