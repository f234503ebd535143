package dev.arrowtap.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --flag value} pairs of a command line ({@code arrowtap server}, {@code arrowtap
 * worker}), checked against the flags a command knows; a flag given twice keeps its last value.
 */
public final class CommandLineFlags {
  private final Map<String, String> values;

  private CommandLineFlags(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Reads {@code args} as pairs.
   *
   * @param known each flag the command takes with what its value is, in the order the error for an
   *     unknown flag lists them: {@code "--port", "N", "--bind", "ADDR"}
   * @throws IllegalArgumentException for a flag without a value or one the command does not know
   */
  public static CommandLineFlags parse(String[] args, String... known) {
    Map<String, String> metavars = new HashMap<>();
    List<String> usage = new ArrayList<>();
    for (int i = 0; i < known.length; i += 2) {
      metavars.put(known[i], known[i + 1]);
      usage.add(known[i] + " " + known[i + 1]);
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      if (!metavars.containsKey(flag)) {
        throw new IllegalArgumentException(
            "unknown option " + flag + "; expected " + String.join(", ", usage));
      }
      values.put(flag, args[i + 1]);
    }
    return new CommandLineFlags(values);
  }

  public Optional<String> string(String flag) {
    return Optional.ofNullable(values.get(flag));
  }

  public Optional<Path> path(String flag) {
    return string(flag).map(Path::of);
  }

  /** The flag's whole number, or {@code otherwise} when it is not given. */
  public int number(String flag, int otherwise) {
    String value = values.get(flag);
    if (value == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number: " + value);
    }
  }
}
