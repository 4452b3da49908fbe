package io.tdstls.tls;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Checks that a certificate names a host, after RFC 6125 and RFC 2818.
 *
 * <ul>
 *   <li>An IP literal (IPv4 or IPv6) matches only IP address SANs, compared as addresses.
 *   <li>A DNS name matches the DNS SANs, case-insensitively and ignoring one trailing dot. A SAN
 *       may have a wildcard as its whole left-most label ({@code *.example.com}); it stands for
 *       exactly one non-empty label and needs at least two labels after it.
 *   <li>The subject common name is used only when the certificate has no DNS SAN at all.
 * </ul>
 *
 * <pre>{@code
 * HostnameMatcher.verify(certificate, "db.example.com"); // throws HostnameMismatchCertificateException
 * }</pre>
 */
public final class HostnameMatcher {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private HostnameMatcher() {}

  /**
   * Checks that a certificate names a host.
   *
   * @param certificate the server certificate
   * @param host the expected host name or IP literal
   * @throws HostnameMismatchCertificateException if it does not, with the names it has
   */
  public static void verify(X509Certificate certificate, String host) throws HostnameMismatchCertificateException {
    if (!matches(certificate, host)) {
      throw new HostnameMismatchCertificateException(host, namesIn(certificate));
    }
  }

  /**
   * Tells whether a certificate names a host.
   *
   * @param certificate the server certificate
   * @param host the expected host name or IP literal
   * @return true if a SAN (or, without DNS SANs, the CN) matches
   */
  public static boolean matches(X509Certificate certificate, String host) {
    Optional<InetAddress> ip = IpLiteral.parse(host);
    if (ip.isPresent()) {
      for (String address : sans(certificate, IP_ADDRESS)) {
        Optional<InetAddress> san = IpLiteral.parse(address);
        if (san.isPresent() && san.get().equals(ip.get())) {
          return true;
        }
      }
      return false;
    }
    List<String> dns = sans(certificate, DNS_NAME);
    List<String> candidates = dns.isEmpty() ? commonNames(certificate) : dns;
    for (String pattern : candidates) {
      if (matchesDnsName(pattern, host)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the names a certificate is valid for: its DNS and IP SANs, else its common names.
   *
   * @param certificate the certificate
   * @return the names, possibly empty
   */
  public static List<String> namesIn(X509Certificate certificate) {
    List<String> names = new ArrayList<>(sans(certificate, DNS_NAME));
    for (String ip : sans(certificate, IP_ADDRESS)) {
      names.add(IpLiteral.parse(ip).map(InetAddress::getHostAddress).orElse(ip));
    }
    if (sans(certificate, DNS_NAME).isEmpty()) {
      names.addAll(commonNames(certificate));
    }
    return List.copyOf(names);
  }

  /**
   * Matches one DNS name pattern (possibly with a left-most wildcard label) against a host name.
   *
   * @param pattern a name from the certificate
   * @param host the host name
   * @return true if they match
   */
  static boolean matchesDnsName(String pattern, String host) {
    String p = normalize(pattern);
    String h = normalize(host);
    if (p.isEmpty() || h.isEmpty()) {
      return false;
    }
    if (!p.startsWith("*.")) {
      return p.indexOf('*') < 0 && p.equals(h);
    }
    String suffix = p.substring(1); // ".example.com"
    if (suffix.indexOf('*') >= 0 || suffix.chars().filter(c -> c == '.').count() < 2) {
      return false;
    }
    if (!h.endsWith(suffix)) {
      return false;
    }
    String label = h.substring(0, h.length() - suffix.length());
    return !label.isEmpty() && label.indexOf('.') < 0;
  }

  private static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static List<String> sans(X509Certificate certificate, int type) {
    List<String> result = new ArrayList<>();
    try {
      Collection<List<?>> all = certificate.getSubjectAlternativeNames();
      if (all != null) {
        for (List<?> entry : all) {
          if (entry.size() >= 2 && entry.get(0) instanceof Integer && (Integer) entry.get(0) == type
              && entry.get(1) instanceof String) {
            result.add((String) entry.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return result;
  }

  private static List<String> commonNames(X509Certificate certificate) {
    List<String> result = new ArrayList<>();
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
      if (rdn.getFirst() != null && rdn.getFirst().getValue() instanceof ASN1String) {
        result.add(((ASN1String) rdn.getFirst().getValue()).getString());
      }
    }
    return result;
  }
}
