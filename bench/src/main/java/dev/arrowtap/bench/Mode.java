package dev.arrowtap.bench;

import java.util.Locale;

/**
 * How big the suite's inputs are: {@code SHORT} proves the harness in CI in seconds, {@code FULL}
 * runs the sizes the issue names (about a quarter of an hour on 2 cores), {@code MEDIUM} sits
 * between for a busy machine.
 *
 * @param decodeRows NDJSON rows decoded by measure 1
 * @param groupRows NDJSON rows served for the GROUP BY of measure 2
 * @param fetchRows rows fetched by measure 3
 * @param pages pages of the slow API of measure 4
 * @param pageDelayMillis how long each page of measure 4 takes
 * @param bigFeedBytes the size of measure 5's feed
 * @param numbersEnd the end of measure 7's {@code numbers(0, n)}
 * @param trivialRepeats how often measure 8 runs its query per contestant
 * @param warmups rounds run before measuring
 * @param rounds measured rounds
 */
public record Mode(
    String name,
    int decodeRows,
    int groupRows,
    int fetchRows,
    int pages,
    int pageDelayMillis,
    long bigFeedBytes,
    long numbersEnd,
    int trivialRepeats,
    int warmups,
    int rounds) {

  public static final Mode SHORT =
      new Mode("short", 20_000, 20_000, 20_000, 12, 20, 16L << 20, 1_000_000, 10, 0, 2);
  public static final Mode MEDIUM =
      new Mode(
          "medium", 1_000_000, 1_000_000, 1_000_000, 50, 100, 512L << 20, 100_000_000, 100, 1, 3);
  public static final Mode FULL =
      new Mode(
          "full", 2_000_000, 1_000_000, 1_000_000, 50, 100, 2L << 30, 1_000_000_000, 200, 2, 5);

  public Mode {
    if (rounds < 1 || warmups < 0) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
  }

  /** The mode named on the command line: {@code --short}, {@code --medium} or {@code --full}. */
  public static Mode named(String flag) {
    return switch (flag.replaceFirst("^--", "").toLowerCase(Locale.ROOT)) {
      case "short" -> SHORT;
      case "medium" -> MEDIUM;
      case "full" -> FULL;
      default ->
          throw new IllegalArgumentException(
              "unknown mode " + flag + ": use --short, --medium or --full");
    };
  }
}
