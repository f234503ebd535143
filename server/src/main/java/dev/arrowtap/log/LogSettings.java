package dev.arrowtap.log;

import dev.arrowtap.common.CommandLineFlags;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Where a server or worker writes its log and how much: {@code --log-level error|warn|info|debug}
 * (default info) and {@code --log-file FILE} (default stderr).
 */
public record LogSettings(Level level, Optional<Path> file) {
  public static final LogSettings DEFAULTS = new LogSettings(Level.INFO, Optional.empty());

  public LogSettings {
    Objects.requireNonNull(level, "level is null");
    Objects.requireNonNull(file, "file is null");
  }

  /** Parses a {@code --log-level} value. */
  public static Level parseLevel(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "error" -> Level.SEVERE;
      case "warn", "warning" -> Level.WARNING;
      case "info" -> Level.INFO;
      case "debug" -> Level.FINE;
      case "off" -> Level.OFF;
      default ->
          throw new IllegalArgumentException(
              "--log-level must be error, warn, info, debug or off, not '" + value + "'");
    };
  }

  /** The settings of {@code --log-level LEVEL} and {@code --log-file FILE}, defaults elsewhere. */
  public static LogSettings from(CommandLineFlags flags) {
    LogSettings settings = DEFAULTS;
    Optional<String> level = flags.string("--log-level");
    if (level.isPresent()) {
      settings = settings.withLevel(parseLevel(level.get()));
    }
    Optional<Path> file = flags.path("--log-file");
    if (file.isPresent()) {
      settings = settings.withFile(file.get());
    }
    return settings;
  }

  public LogSettings withLevel(Level newLevel) {
    return new LogSettings(newLevel, file);
  }

  public LogSettings withFile(Path path) {
    return new LogSettings(level, Optional.of(path));
  }

  /** The level's name as {@code --log-level} spells it. */
  static String levelName(Level level) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (level.intValue() >= Level.WARNING.intValue()) {
      return "warn";
    }
    if (level.intValue() >= Level.INFO.intValue()) {
      return "info";
    }
    return "debug";
  }
}
