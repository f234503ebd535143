package dev.arrowtap.common;

/**
 * The typed settings of one connection, from the whitelisted connection properties.
 *
 * @param numbersPerTask how many numbers one task of {@code numbers()} produces at most
 * @param batchSize rows per Arrow batch
 */
public record SessionSettings(long numbersPerTask, int batchSize) {
  public static final SessionSettings DEFAULTS = new SessionSettings(10, 8192);

  public SessionSettings {
    if (numbersPerTask < 1) {
      throw new IllegalArgumentException("numbers_per_task must be at least 1: " + numbersPerTask);
    }
    if (batchSize < 1 || batchSize > 1 << 20) {
      throw new IllegalArgumentException("batch_size must be between 1 and 1048576: " + batchSize);
    }
  }
}
