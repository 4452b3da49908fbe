package io.tdstls.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders probe findings as a SARIF 2.1.0 log, for CI pipelines and code-scanning dashboards: one
 * rule per finding id, one result per finding, located at the target ({@code host:port}) as a
 * logical location; level {@code error} for high and critical, {@code warning} for medium,
 * {@code note} for low and info. The message is the finding's title and fix, as in the text report.
 */
public final class ReportSarif {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportSarif() {}

  /**
   * Renders reports.
   *
   * @param reports the reports, one per target
   * @return the SARIF document
   */
  public static String render(List<ProbeReport> reports) {
    ObjectNode log = MAPPER.createObjectNode().put("version", "2.1.0")
        .put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver").put("name", "tds-tls probe");
    Map<String, Finding> rules = new LinkedHashMap<>();
    reports.forEach(r -> r.findings().forEach(f -> rules.putIfAbsent(f.id(), f)));
    ArrayNode ruleNodes = driver.putArray("rules");
    rules.values().forEach(f -> ruleNodes.addObject().put("id", f.id())
        .set("help", MAPPER.createObjectNode().put("text", f.fix())));
    ArrayNode results = run.putArray("results");
    for (ProbeReport r : reports) {
      for (Finding f : r.findings()) {
        ObjectNode res = results.addObject().put("ruleId", f.id()).put("level", level(f.severity()));
        res.putObject("message").put("text", f.title() + " — fix: " + f.fix());
        res.putArray("locations").addObject().putArray("logicalLocations").addObject()
            .put("fullyQualifiedName", r.target().toString()).put("kind", "resource");
        res.putObject("properties").put("severity", f.severity().label()).put("grade", r.grade());
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(log);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a probe report cannot be written as SARIF", e);
    }
  }

  private static String level(Severity s) {
    return switch (s) {
      case HIGH, CRITICAL -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }
}
