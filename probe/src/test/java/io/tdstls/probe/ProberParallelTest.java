package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Several targets probed at once, reports in the order given, progress told for each. */
class ProberParallelTest {

  @Test
  void probesTargetsInParallelAndKeepsTheirOrder() throws Exception {
    Duration timeout = Duration.ofMillis(500);
    try (FakeEndpoint silent1 = new FakeEndpoint(s -> s.getInputStream().readAllBytes());
        FakeEndpoint silent2 = new FakeEndpoint(s -> s.getInputStream().readAllBytes());
        FakeEndpoint closing = new FakeEndpoint(FakeEndpoint::readPacket)) {
      List<Target> targets = List.of(silent1.target(), closing.target(), silent2.target());
      ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
      ProgressListener progress = new ProgressListener() {
        @Override
        public void started(Target target) {
          events.add("start " + target);
        }

        @Override
        public void finished(ProbeReport report, int done, int total) {
          events.add("done " + done + "/" + total);
        }
      };

      long start = System.nanoTime();
      List<ProbeReport> reports = new Prober(ProbeOptions.builder().timeout(timeout).parallelism(3).build())
          .probeAll(targets, progress);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(reports).extracting(ProbeReport::target).containsExactlyElementsOf(targets);
      assertThat(reports).extracting(ProbeReport::posture)
          .containsExactly(EncryptionPosture.SILENT, EncryptionPosture.REFUSED, EncryptionPosture.SILENT);
      assertThat(events).filteredOn(e -> e.startsWith("start")).hasSize(3);
      assertThat(events).contains("done 3/3");
      // one silent target alone takes 7 timeouts; in sequence the two would take 14
      assertThat(took).isLessThan(timeout.multipliedBy(12));
      assertThat(ProbeReport.exitCode(reports)).isEqualTo(1);
    }
  }
}
