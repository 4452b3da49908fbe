package io.tdstls.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of cipher suites the probe offers: every suite of TLS 1.2 and earlier in the
 * resource {@code cipher-suites.tsv} (the IANA registry plus historical codes), and the five TLS
 * 1.3 suites. Independent of what this JVM can negotiate.
 */
public final class CipherSuites {

  /** The signalling value that asks for secure renegotiation (RFC 5746). */
  static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
  /** The signalling value of a client that fell back to a lower version (RFC 7507). */
  static final int FALLBACK_SCSV = 0x5600;

  /** The five TLS 1.3 suites (RFC 8446 B.4). */
  public static final List<CipherSuite> TLS13 = List.of(
      tls13(0x1301, "TLS_AES_128_GCM_SHA256"), tls13(0x1302, "TLS_AES_256_GCM_SHA384"),
      tls13(0x1303, "TLS_CHACHA20_POLY1305_SHA256"), tls13(0x1304, "TLS_AES_128_CCM_SHA256"),
      tls13(0x1305, "TLS_AES_128_CCM_8_SHA256"));

  private static final Map<Integer, CipherSuite> BY_CODE = load();

  private CipherSuites() {}

  /**
   * Returns every suite of TLS 1.2 and earlier, in registry order.
   *
   * @return about 390 suites
   */
  public static List<CipherSuite> legacy() {
    return BY_CODE.values().stream().filter(s -> !s.tls13()).toList();
  }

  /**
   * Looks a code up.
   *
   * @param code the wire code
   * @return the suite, or a placeholder named {@code UNKNOWN_0x....} for a code outside the registry
   */
  public static CipherSuite byCode(int code) {
    CipherSuite s = BY_CODE.get(code);
    return s != null ? s : new CipherSuite(code, String.format("UNKNOWN_0x%04X", code), "?", "?", "?", "", false);
  }

  /**
   * Looks a name up.
   *
   * @param name an IANA name
   * @return the suite, if registered
   */
  public static Optional<CipherSuite> byName(String name) {
    return BY_CODE.values().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static CipherSuite tls13(int code, String name) {
    String cipher = name.substring(4, name.lastIndexOf('_'));
    return new CipherSuite(code, name, "TLS13", "any", cipher, name.substring(name.lastIndexOf('_') + 1), true);
  }

  private static Map<Integer, CipherSuite> load() {
    Map<Integer, CipherSuite> m = new LinkedHashMap<>();
    try (InputStream in = CipherSuites.class.getResourceAsStream("cipher-suites.tsv")) {
      if (in == null) {
        throw new IllegalStateException("the resource cipher-suites.tsv is missing from the probe jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        int code = Integer.decode(f[0]);
        m.putIfAbsent(code, CipherSuite.parse(code, f[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TLS13.forEach(s -> m.put(s.code(), s));
    return Collections.unmodifiableMap(m);
  }

  static List<Integer> codes(List<CipherSuite> suites) {
    List<Integer> out = new ArrayList<>();
    suites.forEach(s -> out.add(s.code()));
    return out;
  }
}
