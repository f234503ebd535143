package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FilterDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Writes a SQL literal as a request parameter in the format the API wants, rounding outward when
 * the format cannot hold it: a lower bound down, an upper bound up, so the API returns at least the
 * rows asked for.
 */
final class FilterValues {
  private FilterValues() {}

  /**
   * A value as the request carries it.
   *
   * @param lossless false when rounding made the request wider than the comparison
   */
  record Written(String text, boolean lossless) {}

  /**
   * The value as the format writes it.
   *
   * @param value a BigDecimal, String, Boolean, LocalDate or Instant
   * @param upper true for the bound of a {@code <} or {@code <=} comparison (rounded up)
   * @return empty when the format cannot express the value at all
   */
  static Optional<Written> write(FilterDef.Format format, Object value, boolean upper) {
    if (value instanceof LocalDate date) {
      return Optional.of(
          writeInstant(format, date.atStartOfDay().toInstant(ZoneOffset.UTC), upper, true));
    }
    if (value instanceof Instant instant) {
      return Optional.of(writeInstant(format, instant, upper, false));
    }
    if (format == FilterDef.Format.ISO_DATE || format == FilterDef.Format.ISO_DATETIME) {
      return Optional.empty();
    }
    if (value instanceof BigDecimal number) {
      return Optional.of(new Written(plain(number), true));
    }
    return Optional.of(new Written(String.valueOf(value), true));
  }

  private static Written writeInstant(
      FilterDef.Format format, Instant instant, boolean upper, boolean fromDate) {
    long millis = instant.toEpochMilli();
    return switch (format) {
      case ISO_DATE -> {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        boolean midnight = Math.floorMod(millis, 86_400_000L) == 0;
        yield new Written((upper && !midnight ? day.plusDays(1) : day).toString(), midnight);
      }
      case EPOCH_SECONDS -> {
        long seconds = upper ? Math.floorDiv(millis + 999, 1000) : Math.floorDiv(millis, 1000);
        yield new Written(Long.toString(seconds), Math.floorMod(millis, 1000L) == 0);
      }
      case EPOCH_MILLIS -> new Written(Long.toString(millis), true);
      case TEXT ->
          new Written(
              fromDate
                  ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString()
                  : DateTimeFormatter.ISO_INSTANT.format(instant),
              true);
      case ISO_DATETIME -> new Written(DateTimeFormatter.ISO_INSTANT.format(instant), true);
    };
  }

  private static String plain(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
