package io.tdstls.cli.output;

import java.util.Map;

/**
 * Colour for terminal output: on only when standard output is a terminal ({@code System.console()
 * != null}), {@code NO_COLOR} is not set (https://no-color.org) and {@code TERM} is not {@code
 * dumb}. Off, every method returns its text unchanged, so piped output and JSON stay plain.
 */
public final class Style {

  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  private Style(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Decides from the real terminal and environment.
   *
   * @return the style for this process
   */
  public static Style detect() {
    return forTerminal(System.console() != null, System.getenv());
  }

  /**
   * Decides from the given facts.
   *
   * @param terminal whether standard output is a terminal
   * @param env the environment variables
   * @return a style with colour only on a terminal that allows it
   */
  public static Style forTerminal(boolean terminal, Map<String, String> env) {
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    boolean dumb = "dumb".equals(env.get("TERM"));
    return new Style(terminal && !noColor && !dumb);
  }

  /**
   * Returns a style without colour.
   *
   * @return the plain style
   */
  public static Style plain() {
    return new Style(false);
  }

  /**
   * Tells whether colour is used.
   *
   * @return whether escape sequences are written
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Marks text as good news.
   *
   * @param text the text
   * @return green text, or the text unchanged
   */
  public String good(String text) {
    return paint("\u001b[32m", text);
  }

  /**
   * Marks text as a warning.
   *
   * @param text the text
   * @return yellow text, or the text unchanged
   */
  public String warn(String text) {
    return paint("\u001b[33m", text);
  }

  /**
   * Marks text as bad news.
   *
   * @param text the text
   * @return red text, or the text unchanged
   */
  public String bad(String text) {
    return paint("\u001b[31m", text);
  }

  /**
   * Marks text as a heading.
   *
   * @param text the text
   * @return bold text, or the text unchanged
   */
  public String bold(String text) {
    return paint("\u001b[1m", text);
  }

  private String paint(String code, String text) {
    return enabled ? code + text + RESET : text;
  }
}
