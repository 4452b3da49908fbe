package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real artifact, {@code java -jar cli/target/tds-tls.jar ...}, as a subprocess. */
final class Tool {

  /** The longest any one command may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Tool() {}

  /** What a finished command did. */
  record Result(int exit, String out, String err) {}

  static Path jar() {
    String path = System.getProperty("tdstls.jar");
    assertThat(path).as("system property tdstls.jar (set by failsafe)").isNotNull();
    Path jar = Path.of(path);
    assertThat(jar).as("the shaded jar; run ./mvnw verify so that package runs first").isRegularFile();
    return jar;
  }

  static Result run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) throws Exception {
    try (Background p = start(env, args)) {
      if (!p.process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("tds-tls %s did not finish within %s; stderr: %s", String.join(" ", args), TIMEOUT, p.err());
      }
      return new Result(p.process.exitValue(), p.out(), p.err());
    }
  }

  /** Runs a command with the given text on its standard input. */
  static Result runWithInput(String input, String... args) throws Exception {
    Path in = Files.createTempFile("tds-tls-in", ".txt");
    try {
      Files.writeString(in, input);
      try (Background p = start(Map.of(), in.toFile(), args)) {
        if (!p.process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          fail("tds-tls %s did not finish within %s; stderr: %s", String.join(" ", args), TIMEOUT, p.err());
        }
        return new Result(p.process.exitValue(), p.out(), p.err());
      }
    } finally {
      Files.deleteIfExists(in);
    }
  }

  static Background start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  static Background start(Map<String, String> env, String... args) throws IOException {
    return start(env, new File("/dev/null"), args);
  }

  static Background start(Map<String, String> env, File stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("tds-tls-out", ".txt");
    Path err = Files.createTempFile("tds-tls-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(stdin));
    pb.environment().remove("TDS_PASSWORD");
    pb.environment().putAll(env);
    return new Background(pb.start(), out, err);
  }

  /** A running command; closing it kills it if it is still alive. */
  static final class Background implements AutoCloseable {
    final Process process;
    private final Path out;
    private final Path err;

    Background(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    String out() throws IOException {
      return Files.readString(out);
    }

    String err() throws IOException {
      return Files.readString(err);
    }

    /** Waits until standard output contains the marker; fails if the process dies or time runs out. */
    String awaitOutput(String marker, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        String text = out();
        if (text.contains(marker)) {
          return text;
        }
        if (!process.isAlive()) {
          fail("exited with %d before printing '%s'; stdout: %s; stderr: %s", process.exitValue(), marker, text, err());
        }
        Thread.sleep(50);
      }
      return fail("no '%s' within %s; stdout: %s; stderr: %s", marker, timeout, out(), err());
    }

    /** Waits until standard error contains the text, or time runs out. */
    String awaitError(String text, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        String e = err();
        if (e.contains(text)) {
          return e;
        }
        Thread.sleep(50);
      }
      return err();
    }

    @Override
    public void close() throws IOException {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
