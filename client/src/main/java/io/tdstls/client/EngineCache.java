package io.tdstls.client;

import io.tdstls.tls.ClientEngines;
import io.tdstls.tls.FileStamp;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine factory per (provider, TLS configuration) in this JVM, so that clients built again
 * and again for the same settings (a pool, {@link TdsClient#connect(ConnectionConfig)}) share one
 * TLS session cache and resume their sessions. A factory is rebuilt when one of the files it read
 * (CA, trust store, CRL, pinned certificate, client certificate and key) changed; with {@link
 * TlsConfig#sessionResumption()} off nothing is shared. At most {@link #CAPACITY} configurations
 * are kept, least recently used first out.
 */
final class EngineCache {

  /** How many configurations are kept. */
  static final int CAPACITY = 32;

  private record Key(ClientTlsProvider provider, TlsConfig tls) {}

  private record Held(ClientEngines engines, FileStamp stamp) {}

  private static final Map<Key, Held> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Held> eldest) {
      return size() > CAPACITY;
    }
  };

  private EngineCache() {}

  /**
   * Returns the factory of a configuration, shared when session resumption is on.
   *
   * @param provider the TLS implementation
   * @param tls the settings
   * @return the factory
   * @throws io.tdstls.error.TdsConfigException if the material cannot be loaded
   */
  static ClientEngines get(ClientTlsProvider provider, TlsConfig tls) {
    if (!tls.sessionResumption()) {
      return provider.engines(tls);
    }
    Key key = new Key(provider, tls);
    FileStamp now = FileStamp.of(files(tls));
    synchronized (CACHE) {
      Held held = CACHE.get(key);
      if (held != null && held.stamp().equals(now)) {
        return held.engines();
      }
    }
    ClientEngines built = provider.engines(tls);
    synchronized (CACHE) {
      CACHE.put(key, new Held(built, now));
    }
    return built;
  }

  private static List<Path> files(TlsConfig tls) {
    List<Path> files = new ArrayList<>(tls.caFiles());
    tls.trustStore().ifPresent(files::add);
    files.addAll(tls.crlFiles());
    tls.serverCertificate().ifPresent(files::add);
    tls.clientAuth().ifPresent(a -> {
      files.add(a.certificate());
      if (a.key() != null) {
        files.add(a.key());
      }
    });
    return files;
  }
}
