package io.tdstls.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour only on a terminal that allows it. */
class StyleTest {

  @Test
  void colourOnATerminal() {
    Style s = Style.forTerminal(true, Map.of("TERM", "xterm-256color"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.good("full")).startsWith("\u001b[").contains("full").endsWith("\u001b[0m");
  }

  @Test
  void plainWhenPipedOrAskedOrDumb() {
    assertThat(Style.forTerminal(false, Map.of("TERM", "xterm")).bad("refused")).isEqualTo("refused");
    assertThat(Style.forTerminal(true, Map.of("NO_COLOR", "1")).enabled()).isFalse();
    assertThat(Style.forTerminal(true, Map.of("TERM", "dumb")).enabled()).isFalse();
    assertThat(Style.forTerminal(true, Map.of("NO_COLOR", "")).enabled()).isTrue();
  }

  @Test
  void paintedCellsStayAligned() {
    Style s = Style.forTerminal(true, Map.of());
    String text = new TextTable(java.util.List.of("mode", "outcome", "why"))
        .add(java.util.List.of("off", "none", ""), java.util.List.of(x -> x, s::bad, x -> x))
        .add(java.util.List.of("mandatory", "full", "ok")).format();
    String plain = text.replaceAll("\u001b\\[[0-9;]*m", "");
    assertThat(plain.lines()).containsExactly("mode       outcome  why", "---------  -------  ---",
        "off        none", "mandatory  full     ok");
  }
}
