package io.tdstls.gateway;

import io.tdstls.config.CertificateLogin;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Matches a verified client certificate against the identities of a route's certificate logins:
 * the subject distinguished name (compared in X.500 canonical form, so case and spacing do not
 * matter), a DNS name (case-insensitive, no wildcards), an e-mail address (the domain
 * case-insensitive) or a URI (exact) among the subject alternative names.
 */
final class CertificateIdentity {

  /** GeneralName tags of {@link X509Certificate#getSubjectAlternativeNames()} (RFC 5280 4.2.1.6). */
  private static final int SAN_EMAIL = 1;
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;

  private CertificateIdentity() {}

  /**
   * Checks that an identity can be compared: a subject must be a distinguished name.
   *
   * @throws IllegalArgumentException naming the identity, if it is not
   */
  static void validate(CertificateLogin identity) {
    if (identity.field() == CertificateLogin.Field.SUBJECT) {
      try {
        new X500Principal(identity.value());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the certificate subject '" + identity.value()
            + "' is not a distinguished name (write it as RFC 2253, for example CN=reporting,O=Example)", e);
      }
    }
  }

  /** The first identity, in configuration order, that the certificate carries. */
  static Optional<CertificateLogin> match(X509Certificate leaf, List<CertificateLogin> identities) {
    List<List<?>> sans = sans(leaf);
    for (CertificateLogin id : identities) {
      if (matches(leaf, sans, id)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** How an identity is named in audit lines and logs: {@code subject:CN=x}, {@code dns:host}. */
  static String describe(CertificateLogin id) {
    return id.field().name().toLowerCase(Locale.ROOT) + ":" + id.value();
  }

  private static boolean matches(X509Certificate leaf, List<List<?>> sans, CertificateLogin id) {
    switch (id.field()) {
      case SUBJECT:
        return new X500Principal(id.value()).equals(leaf.getSubjectX500Principal());
      case DNS:
        return san(sans, SAN_DNS).stream().anyMatch(n -> n.equalsIgnoreCase(id.value()));
      case EMAIL:
        return san(sans, SAN_EMAIL).stream().anyMatch(n -> sameEmail(n, id.value()));
      case URI:
        return san(sans, SAN_URI).contains(id.value());
      default:
        return false;
    }
  }

  private static boolean sameEmail(String a, String b) {
    int at = a.lastIndexOf('@');
    int bt = b.lastIndexOf('@');
    if (at < 0 || bt < 0) {
      return a.equals(b);
    }
    return a.substring(0, at).equals(b.substring(0, bt)) && a.substring(at).equalsIgnoreCase(b.substring(bt));
  }

  private static List<String> san(List<List<?>> sans, int tag) {
    List<String> out = new ArrayList<>();
    for (List<?> entry : sans) {
      if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == tag && entry.get(1) instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<List<?>> sans(X509Certificate leaf) {
    try {
      Collection<List<?>> names = leaf.getSubjectAlternativeNames();
      return names == null ? List.of() : List.copyOf(names);
    } catch (CertificateParsingException e) {
      return List.of(); // an unreadable SAN extension matches no SAN identity; the subject still can
    }
  }
}
