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
  private final Path certificateDir;

  private ChildServer(Process process, Path certificateDir) throws IOException {
    this.process = process;
    this.certificateDir = certificateDir;
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
    return start(certificateDir, maxConnections, List.of());
  }

  /** A gateway in the child, relaying to a backend on 127.0.0.1 whose certificate the CA file signs. */
  static ChildServer startGateway(Path certificateDir, int maxConnections, int backendPort, Path backendCa)
      throws IOException {
    return start(certificateDir, maxConnections, List.of("gateway", String.valueOf(backendPort), backendCa.toString()));
  }

  private static ChildServer start(Path certificateDir, int maxConnections, List<String> extra) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>();
    command.add(java);
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleServerMain.class.getName(),
        certificateDir.toString(), String.valueOf(maxConnections)));
    command.addAll(extra);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new ChildServer(p, certificateDir);
  }

  /** The directory where the child wrote its certificates (its CA is {@link io.tdstls.bench.fixture.BenchPki#CA_FILE}). */
  Path certificateDir() {
    return certificateDir;
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
