package io.tdstls.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run happened on: cores, memory, CPU model, Java and OS.
 *
 * @param cores the processors available to the JVM
 * @param memoryBytes the physical memory
 * @param cpu the CPU model from {@code /proc/cpuinfo}, or {@code "unknown"}
 * @param java the Java runtime and VM
 * @param os the operating system, version and architecture
 * @param loadAverage {@code /proc/loadavg} when described (other processes on a shared machine skew
 *     results), or {@code "unknown"}
 */
public record Machine(int cores, long memoryBytes, String cpu, String java, String os, String loadAverage) {

  /**
   * Describes this machine.
   *
   * @return the description
   */
  public static Machine current() {
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean) {
      memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getTotalMemorySize();
    }
    return new Machine(Runtime.getRuntime().availableProcessors(), memory, cpuModel(),
        System.getProperty("java.runtime.name") + " " + Runtime.version() + " (" + System.getProperty("java.vm.name")
            + ", " + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        readLoadAverage());
  }

  private static String readLoadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: the model stays unknown
    }
    return "unknown";
  }

  /**
   * Formats the description as Markdown bullet points.
   *
   * @return the lines
   */
  public String toMarkdown() {
    return "- Cores: " + cores + "\n- Memory: " + String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30))
        + "\n- CPU: " + cpu + "\n- Java: " + java + "\n- OS: " + os + "\n- Load average at start (/proc/loadavg): "
        + loadAverage + "\n";
  }
}
