package io.tdstls.config;

import java.util.Objects;

/**
 * One client certificate identity that may log in on a route, and the backend login it maps to
 * ({@code routes[i].login.certificates[j]}: {@code subject}, {@code dns}, {@code email} or {@code
 * uri}, and {@code as}).
 *
 * @param field which part of the certificate is compared
 * @param value the subject distinguished name (RFC 2253) or the SAN value
 * @param credentials the key of the route's {@code credentials} to log in to the backend with
 */
public record CertificateLogin(Field field, String value, String credentials) {

  /** The part of a client certificate an identity names. */
  public enum Field {
    /** The subject distinguished name, for example {@code CN=reporting,O=Example}. */
    SUBJECT,
    /** A DNS subject alternative name. */
    DNS,
    /** An e-mail (rfc822Name) subject alternative name. */
    EMAIL,
    /** A URI subject alternative name (SPIFFE IDs, for example). */
    URI
  }

  /**
   * Checks the components.
   *
   * @param field see the record component
   * @param value see the record component
   * @param credentials see the record component
   */
  public CertificateLogin {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(credentials, "credentials");
  }
}
