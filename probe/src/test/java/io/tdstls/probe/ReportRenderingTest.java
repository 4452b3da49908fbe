package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text and JSON renderings of hand-built reports. */
class ReportRenderingTest {

  static ProbeReport withFindings(List<Finding> findings, String detail) {
    ProbeReport base = FindingRulesTest.good();
    List<PreloginReply> replies = new ArrayList<>(base.prelogin());
    replies.set(PreloginProbe.CLIENT_CERT_ON.ordinal(),
        new PreloginReply(PreloginProbe.CLIENT_CERT_ON, ReplyKind.CLOSED, null, detail));
    return new ProbeReport(base.target(), replies, base.posture(), false, false, base.consistentWith(), base.tls7(),
        base.strict(), base.certificate(), null, findings);
  }

  @Test
  void colourOnlyWhenAsked() {
    ProbeReport r = withFindings(List.of(new Finding("x", Severity.HIGH, "bad", "fix it")), "");

    assertThat(ReportText.render(List.of(r), true)).contains("\u001b[1;31m[HIGH]\u001b[0m bad");
    assertThat(ReportText.render(List.of(r), false)).contains("[HIGH] bad").doesNotContain("\u001b");
  }

  @Test
  void findingsAreSortedWorstFirst() {
    ProbeReport r = withFindings(List.of(new Finding("a", Severity.LOW, "low one", "f"),
        new Finding("b", Severity.CRITICAL, "critical one", "f"), new Finding("c", Severity.MEDIUM, "medium one", "f")), "");

    assertThat(r.findings()).extracting(Finding::severity).containsExactly(Severity.CRITICAL, Severity.MEDIUM, Severity.LOW);
    String text = ReportText.render(List.of(r), false);
    assertThat(text.indexOf("critical one")).isLessThan(text.indexOf("medium one"));
    assertThat(text.indexOf("medium one")).isLessThan(text.indexOf("low one"));
  }

  @Test
  void jsonEscapesTextFromThePeer() {
    ProbeReport r = withFindings(List.of(), "said \"no\"\nthen\\closed\u0001");

    String json = ReportJson.render(List.of(r));
    assertThat(json).contains("\"detail\":\"said \\\"no\\\"\\nthen\\\\closed\\u0001\"").doesNotContain("\n");
    assertThat(json).startsWith("{\"exitCode\":0,\"worst\":\"info\"");
    assertThat(json).contains("\"server\":null");
  }
}
