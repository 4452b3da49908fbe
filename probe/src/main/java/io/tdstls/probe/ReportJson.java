package io.tdstls.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Renders probe reports as one JSON document (with Jackson):
 * {@code {"exitCode":3,"worst":"high","targets":[{...}, ...]}}, with every field of {@link
 * ProbeReport} (enum values in lower case, instants in ISO-8601), and under {@code scans} every
 * accepted suite with its version, key exchange group, key size and grade.
 */
public final class ReportJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportJson() {}

  /**
   * Renders reports.
   *
   * @param reports the reports, one per target
   * @return the JSON document, on one line
   */
  public static String render(List<ProbeReport> reports) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("exitCode", ProbeReport.exitCode(reports));
    doc.put("worst", reports.stream().map(ProbeReport::worst).max(Enum::compareTo).orElse(Severity.INFO).label());
    ArrayNode targets = doc.putArray("targets");
    reports.forEach(r -> targets.add(report(r)));
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a probe report cannot be written as JSON", e);
    }
  }

  private static ObjectNode report(ProbeReport r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("target", r.target().toString()).put("host", r.target().host()).put("port", r.target().port());
    o.put("elapsedMillis", r.elapsed().toMillis());
    o.put("grade", r.grade()).put("gradeIgnoringTrust", r.gradeIgnoringTrust());
    o.put("posture", lower(r.posture())).put("postureLabel", r.posture().label());
    o.put("cleartextLoginAccepted", r.cleartextLoginAccepted()).put("clientCertRefused", r.clientCertRefused());
    ArrayNode consistent = o.putArray("consistentWith");
    r.consistentWith().forEach(c -> consistent.add(c.toString()));
    ArrayNode prelogin = o.putArray("prelogin");
    for (PreloginReply p : r.prelogin()) {
      ObjectNode n = prelogin.addObject().put("probe", lower(p.probe()))
          .put("sent", String.format("0x%02X", p.probe().sent().raw())).put("reply", lower(p.kind()));
      p.encryption().ifPresent(e -> n.put("encryption", String.format("0x%02X", e.raw())).put("encryptionName", e.toString()));
      n.put("detail", p.detail());
    }
    o.set("tls7", attempts(r.tls7()));
    o.set("strict", strict(r.strict()));
    ArrayNode scans = o.putArray("scans");
    r.scans().forEach(s -> scans.add(scan(s)));
    o.set("server", r.fields().map(ReportJson::fields).orElse(null));
    o.set("certificate", r.certificateFacts().map(ReportJson::certificate).orElse(null));
    o.put("worst", r.worst().label());
    ArrayNode findings = o.putArray("findings");
    for (Finding f : r.findings()) {
      findings.addObject().put("id", f.id()).put("severity", f.severity().label()).put("title", f.title())
          .put("fix", f.fix());
    }
    return o;
  }

  private static ArrayNode attempts(List<TlsAttempt> attempts) {
    ArrayNode a = MAPPER.createArrayNode();
    for (TlsAttempt t : attempts) {
      a.addObject().put("version", t.version().javaName()).put("status", lower(t.status()))
          .put("cipherSuite", t.cipherSuite()).put("alpn", t.alpn()).put("detail", t.detail());
    }
    return a;
  }

  private static ObjectNode strict(StrictResult s) {
    ObjectNode o = MAPPER.createObjectNode().put("support", lower(s.support())).put("withAlpn", s.withAlpn())
        .put("withoutAlpn", s.withoutAlpn()).put("alpnSelected", s.alpnSelected())
        .put("emptyLogin", s.emptyLogin());
    o.set("versions", attempts(s.versions()));
    return o;
  }

  private static ObjectNode scan(PathScan s) {
    ObjectNode o = MAPPER.createObjectNode().put("path", lower(s.path())).put("pathLabel", s.path().label())
        .put("handshakes", s.handshakes()).put("serverPreference", s.serverPreference());
    ArrayNode versions = o.putArray("versions");
    for (PathScan.VersionScan v : s.versions()) {
      ObjectNode vn = versions.addObject().put("version", v.version().label()).put("accepted", v.accepted());
      ArrayNode suites = vn.putArray("suites");
      for (SuiteResult r : v.suites()) {
        CipherSuite c = r.suite();
        suites.addObject().put("name", c.name()).put("code", c.hex()).put("version", r.version().label())
            .put("kex", c.kex()).put("auth", c.auth()).put("cipher", c.cipher()).put("mac", c.mac())
            .put("keyExchange", r.keyExchange()).put("group", r.group() == null ? null : r.group().label())
            .put("keyBits", r.keyBits()).put("grade", r.grade()).put("forwardSecrecy", c.forwardSecret())
            .put("aead", c.aead()).put("cbc", c.cbc());
      }
    }
    ArrayNode curves = o.putArray("curves");
    s.curves().forEach(g -> curves.add(g.label()));
    ArrayNode groups = o.putArray("tls13Groups");
    s.tls13Groups().forEach(g -> groups.add(g.label()));
    o.put("fallbackScsv", s.fallbackScsv()).put("secureRenegotiation", s.secureRenegotiation()).put("detail", s.detail());
    return o;
  }

  private static ObjectNode fields(ServerFields f) {
    return MAPPER.createObjectNode().put("version", f.version().toString()).put("product", f.productName())
        .put("encryption", f.encryption()).put("mars", f.mars()).put("fedAuthRequired", f.fedAuthRequired())
        .put("instance", f.instance()).put("threadId", f.threadIdPresent()).put("nonce", f.noncePresent());
  }

  private static ObjectNode certificate(CertificateFacts c) {
    ObjectNode o = MAPPER.createObjectNode().put("subject", c.subject());
    ArrayNode sans = o.putArray("subjectAlternativeNames");
    c.subjectAlternativeNames().forEach(sans::add);
    return o.put("issuer", c.issuer()).put("notBefore", c.notBefore().toString()).put("notAfter", c.notAfter().toString())
        .put("daysLeft", c.daysLeft()).put("keyAlgorithm", c.keyAlgorithm()).put("keyBits", c.keyBits())
        .put("signatureAlgorithm", c.signatureAlgorithm()).put("serverAuthEku", c.serverAuthEku())
        .put("chainLength", c.chainLength()).put("chain", lower(c.chainShape()))
        .put("selfSigned", c.selfSigned()).put("sqlServerFallback", c.sqlServerFallback())
        .put("hostname", c.hostname()).put("hostnameMatches", c.hostnameMatches())
        .put("systemTrust", lower(c.systemTrust())).put("caFileTrust", lower(c.caFileTrust()))
        .put("sha256", c.sha256());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
