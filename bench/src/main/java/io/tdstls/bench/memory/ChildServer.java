package io.tdstls.bench.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The parent's handle on {@link IdleServerMain} running in a child JVM. */
final class ChildServer implements AutoCloseable {

  /** The child's JVM options, recorded in the results. */
  static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseG1GC");

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private ChildServer(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = out.readLine();
    if (first == null || !first.startsWith("PORT ")) {
      process.destroy();
      throw new IOException("the memory server did not start (said: " + first + "); its error output is above");
    }
    this.port = Integer.parseInt(first.substring(5).trim());
  }

  static ChildServer start(Path certificateDir, int maxConnections) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>();
    command.add(java);
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleServerMain.class.getName(),
        certificateDir.toString(), String.valueOf(maxConnections)));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new ChildServer(p);
  }

  int port() {
    return port;
  }

  MemorySample measure() throws IOException {
    in.write("measure\n");
    in.flush();
    return MemorySample.parse(out.readLine());
  }

  @Override
  public void close() {
    try {
      in.write("quit\n");
      in.flush();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (IOException e) {
      process.destroy(); // already gone, or no longer listening
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
  }
}
