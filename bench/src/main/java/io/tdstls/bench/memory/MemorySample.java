package io.tdstls.bench.memory;

/**
 * The server process's memory at one moment.
 *
 * @param heapBytes heap in use after garbage collection
 * @param rssBytes resident set size ({@code VmRSS} of {@code /proc/self/status})
 * @param connections connections open on the server
 */
public record MemorySample(long heapBytes, long rssBytes, int connections) {

  /**
   * Parses the line the child server prints.
   *
   * @param line {@code "HEAP <bytes> RSS <bytes> CONNECTIONS <n>"}
   * @return the sample
   * @throws IllegalArgumentException if the line has another shape
   */
  public static MemorySample parse(String line) {
    String[] f = line == null ? new String[0] : line.trim().split("\\s+");
    if (f.length != 6 || !f[0].equals("HEAP") || !f[2].equals("RSS") || !f[4].equals("CONNECTIONS")) {
      throw new IllegalArgumentException("unexpected answer from the memory server: " + line);
    }
    return new MemorySample(Long.parseLong(f[1]), Long.parseLong(f[3]), Integer.parseInt(f[5]));
  }

  /**
   * Formats the sample as the child prints it.
   *
   * @return the line
   */
  public String toLine() {
    return "HEAP " + heapBytes + " RSS " + rssBytes + " CONNECTIONS " + connections;
  }
}
