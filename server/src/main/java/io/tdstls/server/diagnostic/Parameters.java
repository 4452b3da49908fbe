package io.tdstls.server.diagnostic;

import io.tdstls.protocol.batch.RpcParameter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds the values of an RPC to the parameters its statement declares ({@code @P0 int, @P1
 * nvarchar(4000)}, as {@code sp_executesql}, {@code sp_prepare} and {@code sp_prepexec} carry
 * them): a value sent with a name binds to that name, one sent without binds by position. Each
 * keeps the type the client sent, so {@code SELECT @P0} echoes it typed.
 */
final class Parameters {

  private Parameters() {}

  static Map<String, SqlValue> bind(String declaration, List<RpcParameter> values) {
    List<String> declared = SqlText.splitList(declaration == null ? "" : declaration).stream()
        .map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> s.split("\\s+")[0].toLowerCase(Locale.ROOT)).toList();
    Map<String, SqlValue> bound = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      RpcParameter p = values.get(i);
      String name = !p.name().isEmpty() ? p.name().toLowerCase(Locale.ROOT) : i < declared.size() ? declared.get(i) : null;
      if (name != null) {
        bound.put(name.startsWith("@") ? name : "@" + name, new SqlValue(p.type(), p.value()));
      }
    }
    return bound;
  }
}
