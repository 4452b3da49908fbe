package io.tdstls.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a client program with a time limit, and checks that it is installed. */
final class Processes {

  private Processes() {}

  /** Output and exit code of a finished process. */
  record Result(int exitCode, String output) {}

  static Result run(List<String> command, String stdin, Path workDir, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out after 60 s: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  /** Fails with what to install when a required client program is missing. */
  static void require(String program, String howToInstall) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    throw new AssertionError(program + " is required by the interop tests but is not installed: " + howToInstall);
  }
}
