package io.tdstls.probe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The finding rules about the server certificate. */
final class CertificateRules {

  private CertificateRules() {}

  static void evaluate(CertificateFacts c, Instant now, List<Finding> out) {
    trust(c, out);
    validity(c, now, out);
    if (!c.hostnameMatches()) {
      out.add(new Finding("hostname-mismatch", Severity.MEDIUM,
          "hostname mismatch: the certificate names " + names(c) + ", not " + c.hostname(),
          "reissue the certificate with the name clients connect to as a DNS or IP subjectAltName"));
    }
    if (!c.serverAuthEku()) {
      out.add(new Finding("no-server-auth-eku", Severity.LOW, "the certificate is not valid for server authentication (EKU)",
          "reissue it with the serverAuth extended key usage (1.3.6.1.5.5.7.3.1)"));
    }
    key(c, out);
  }

  private static void trust(CertificateFacts c, List<Finding> out) {
    if (c.sqlServerFallback()) {
      out.add(new Finding("sql-server-fallback-certificate", Severity.HIGH,
          "SQL Server's self-generated certificate (" + CertificateInspector.SQL_SERVER_FALLBACK_CN + "): clients cannot validate it",
          "install a certificate issued by a CA your clients trust (SQL Server Configuration Manager > Protocols > Certificate)"));
    } else if (c.selfSigned() && !c.trusted()) {
      out.add(new Finding("self-signed", Severity.MEDIUM, "self-signed certificate",
          "use a certificate issued by a CA your clients trust, or distribute this one to clients and pin it"));
    } else if (!c.trusted()) {
      out.add(new Finding("untrusted", Severity.MEDIUM,
          "the certificate chain is not trusted by the system trust store" + (c.caFileTrust() == TrustVerdict.UNTRUSTED ? " nor by --ca-file" : ""),
          "pass --ca-file with the issuing CA, or install a certificate from a CA clients trust"));
    }
    if (!c.trusted() && (c.chainShape() == ChainShape.LEAF_ONLY || c.chainShape() == ChainShape.BROKEN)) {
      out.add(new Finding("incomplete-chain", Severity.LOW, "certificate chain: " + c.chainShape().label(),
          "configure the server to send its certificate with the intermediate CAs, in order"));
    }
  }

  private static void validity(CertificateFacts c, Instant now, List<Finding> out) {
    LocalDate end = LocalDate.ofInstant(c.notAfter(), ZoneOffset.UTC);
    if (now.isBefore(c.notBefore())) {
      out.add(new Finding("not-yet-valid", Severity.HIGH, "the certificate is not valid before " + c.notBefore(),
          "check the server's clock, or install a certificate that is valid now"));
    } else if (c.daysLeft() < 0) {
      out.add(new Finding("expired", Severity.HIGH, "the certificate expired on " + end,
          "renew the certificate and install it on the server"));
    } else if (c.daysLeft() <= FindingRules.EXPIRY_WARNING_DAYS) {
      out.add(new Finding("expires-soon", Severity.LOW, "the certificate expires in " + c.daysLeft() + " days",
          "renew the certificate before " + end));
    }
  }

  private static void key(CertificateFacts c, List<Finding> out) {
    String alg = c.keyAlgorithm().toUpperCase(Locale.ROOT);
    if (alg.equals("RSA") && c.keyBits() > 0 && c.keyBits() < 2048) {
      out.add(new Finding("weak-key", Severity.HIGH, "RSA key of " + c.keyBits() + " bits",
          "reissue the certificate with an RSA key of 2048 bits or more, or an EC P-256 key"));
    }
    if (alg.equals("EC") && c.keyBits() > 0 && c.keyBits() < 256) {
      out.add(new Finding("weak-key", Severity.MEDIUM, "EC key of " + c.keyBits() + " bits",
          "reissue the certificate with an EC key of 256 bits or more"));
    }
    String sig = c.signatureAlgorithm().toUpperCase(Locale.ROOT);
    if (sig.contains("SHA1") || sig.contains("MD5")) {
      out.add(new Finding("weak-signature", Severity.MEDIUM, "certificate signed with " + c.signatureAlgorithm(),
          "reissue the certificate signed with SHA-256 or better"));
    }
  }

  private static String names(CertificateFacts c) {
    return c.subjectAlternativeNames().isEmpty() ? c.subject() : String.join(", ", c.subjectAlternativeNames());
  }
}
