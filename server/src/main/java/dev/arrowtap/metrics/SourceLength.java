package dev.arrowtap.metrics;

/**
 * What a task learned of the length of the source it read: the total the source announced, or the
 * records and pages of a read to its end. Later request estimates of the same source start from it.
 *
 * @param total the records the source announced, or -1
 * @param pageSize the records a full page held (the API's, where it caps them), or 0 when unknown
 * @param records the records of a read to the source's end, or -1
 * @param pages the pages of that read, or -1
 */
public record SourceLength(long total, int pageSize, long records, int pages) {
  public SourceLength {
    if (total < -1 || records < -1 || pages < -1 || pageSize < 0) {
      throw new IllegalArgumentException(
          "bad source length: " + total + ", " + pageSize + ", " + records + ", " + pages);
    }
  }

  /** A total announced with the page size it was seen at. */
  public static SourceLength announced(long total, int pageSize) {
    return new SourceLength(total, pageSize, -1, -1);
  }

  /** A read to the end: {@code records} records on {@code pages} pages of {@code pageSize}. */
  public static SourceLength readToEnd(long records, int pages, int pageSize) {
    return new SourceLength(-1, pageSize, records, pages);
  }

  /** What both tell, the {@code later} one's figures first. */
  public SourceLength merge(SourceLength later) {
    return new SourceLength(
        later.total >= 0 ? later.total : total,
        later.pageSize > 0 ? later.pageSize : pageSize,
        later.records >= 0 ? later.records : records,
        later.pages >= 0 ? later.pages : pages);
  }
}
