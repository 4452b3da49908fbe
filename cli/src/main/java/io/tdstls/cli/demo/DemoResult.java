package io.tdstls.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a demo run did: the certificate it generated, how the client trusted it, and one row per
 * mode and policy.
 *
 * @param certificateSubject the server certificate's subject
 * @param sha256 the server certificate's SHA-256 fingerprint, colon-separated hex
 * @param trust how the client trusted it
 * @param rows the connections, by policy then mode
 */
public record DemoResult(String certificateSubject, String sha256, DemoTrust trust, List<DemoRow> rows) {

  /**
   * Copies the rows.
   *
   * @param certificateSubject see the record component
   * @param sha256 see the record component
   * @param trust see the record component
   * @param rows see the record component
   */
  public DemoResult {
    rows = List.copyOf(rows);
  }

  /**
   * Returns the result as one JSON-ready document.
   *
   * @return the document
   */
  public Map<String, Object> toMap() {
    Map<String, Object> certificate = new LinkedHashMap<>();
    certificate.put("subject", certificateSubject);
    certificate.put("sha256", sha256);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("certificate", certificate);
    m.put("trust", trust.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    List<Object> list = new ArrayList<>();
    rows.forEach(r -> list.add(r.toMap()));
    m.put("rows", list);
    return m;
  }
}
