package io.tdstls.config;

import io.tdstls.error.TdsConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Enum constants as options and configuration keys spell them: lower case, dashes for underscores. */
public final class OptionNames {

  private OptionNames() {}

  /**
   * Returns the option spelling of a constant.
   *
   * @param e the constant
   * @return for example {@code not-supported} for {@code NOT_SUPPORTED}
   */
  public static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a constant from its option spelling, case-insensitively.
   *
   * @param what the option or key, for the error message
   * @param text the value given
   * @param type the enum
   * @param <E> the enum type
   * @return the constant
   * @throws TdsConfigException if no constant has that name, listing the valid ones
   */
  public static <E extends Enum<E>> E parse(String what, String text, Class<E> type) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    List<String> valid = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(wanted)) {
        return e;
      }
      valid.add(of(e));
    }
    throw TdsConfigException.invalidValue(what, text, valid);
  }
}
