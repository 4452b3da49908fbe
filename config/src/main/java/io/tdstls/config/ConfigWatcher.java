package io.tdstls.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads a configuration file when it, or a file it names ({@link TdsTlsConfig#watchedFiles()},
 * such as the users file), changes: every interval it hashes their contents, and on a change it
 * parses the file and hands the new configuration to the listener. An invalid file (or a listener
 * that refuses the new configuration with an exception) is logged as an error naming the key and
 * line, and the running configuration stays.
 *
 * <pre>{@code
 * try (ConfigWatcher w = ConfigWatcher.start(config, Duration.ofSeconds(2), next -> server.reconfigure(...))) {
 *   ...
 * }
 * }</pre>
 */
public final class ConfigWatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("tds-tls.config");

  /** What one check did. */
  public enum Result {
    /** No watched file changed. */
    UNCHANGED,
    /** The files changed and the new configuration was applied. */
    APPLIED,
    /** The files changed but the new configuration was invalid or refused; the old one stays. */
    REJECTED
  }

  private final Path file;
  private final Consumer<TdsTlsConfig> listener;
  private final ScheduledExecutorService timer;
  private volatile TdsTlsConfig current;
  private byte[] digest;

  private ConfigWatcher(TdsTlsConfig initial, Consumer<TdsTlsConfig> listener, boolean scheduled,
      Duration interval) {
    this.file = initial.source();
    this.listener = Objects.requireNonNull(listener, "listener");
    this.current = initial;
    this.digest = digest(initial.watchedFiles());
    if (scheduled) {
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tds-tls-config-reload");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      this.timer = null;
    }
  }

  /**
   * Watches a loaded configuration's files on a background thread.
   *
   * @param initial the configuration running now
   * @param interval how often to check
   * @param listener applies a new configuration; it may throw (an {@link IllegalArgumentException}
   *     such as {@link io.tdstls.error.TdsConfigException}) to refuse it
   * @return the running watcher
   */
  public static ConfigWatcher start(TdsTlsConfig initial, Duration interval, Consumer<TdsTlsConfig> listener) {
    return new ConfigWatcher(initial, listener, true, interval);
  }

  /**
   * Watches a loaded configuration's files only when {@link #check()} is called (for tests, and
   * for callers with their own timer).
   *
   * @param initial the configuration running now
   * @param listener applies a new configuration, see {@link #start}
   * @return the watcher
   */
  public static ConfigWatcher manual(TdsTlsConfig initial, Consumer<TdsTlsConfig> listener) {
    return new ConfigWatcher(initial, listener, false, null);
  }

  /**
   * Returns the configuration in force: the initial one or the last applied.
   *
   * @return the configuration
   */
  public TdsTlsConfig current() {
    return current;
  }

  /**
   * Checks the files now, and reloads if they changed.
   *
   * @return what the check did
   */
  public synchronized Result check() {
    byte[] now = digest(current.watchedFiles());
    if (Arrays.equals(now, digest)) {
      return Result.UNCHANGED;
    }
    digest = now;
    TdsTlsConfig next;
    try {
      next = TdsTlsConfig.load(file);
      listener.accept(next);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "configuration reload rejected, the running configuration stays: {0}", e.getMessage());
      return Result.REJECTED;
    }
    current = next;
    digest = digest(next.watchedFiles());
    LOG.log(Level.INFO, "configuration reloaded from {0}: new connections use it, open ones keep theirs", file);
    return Result.APPLIED;
  }

  private static byte[] digest(List<Path> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
          sha.update(Files.readAllBytes(f));
        } catch (IOException e) {
          sha.update((byte) 0);
        }
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
