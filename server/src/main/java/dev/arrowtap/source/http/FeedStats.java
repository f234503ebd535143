package dev.arrowtap.source.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What earlier scans in this process learned about a feed's length, per table and parameter values:
 * the total it announced with the API's page size, or the records and pages of a read to its end.
 * The request estimate starts from it; a few thousand feeds are remembered, the oldest forgotten.
 */
final class FeedStats {
  private static final int MAX_ENTRIES = 4096;

  @SuppressWarnings("serial") // never serialized
  private static final Map<String, Seen> SEEN =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * @param total the records the feed announced, or -1
   * @param pageSize the records a full page held (the API's, where it caps them), or 0
   * @param records records of a read to the feed's end, or -1
   * @param pages pages of that read, or -1
   */
  record Seen(long total, int pageSize, long records, int pages) {}

  private FeedStats() {}

  /** The key of a task's feed: its table, URL, parameter values and filters sent to the API. */
  static String key(FeedTask task) {
    return task.feed().qualifiedName()
        + " "
        + task.feed().url()
        + " "
        + new TreeMap<>(task.parameters())
        + " "
        + new TreeMap<>(task.apiFilters());
  }

  static synchronized Seen get(String key) {
    return SEEN.get(key);
  }

  /** The feed announced {@code total} records, {@code pageSize} a page. */
  static synchronized void total(String key, long total, int pageSize) {
    Seen old = SEEN.get(key);
    SEEN.put(
        key,
        new Seen(
            total, pageSize, old == null ? -1 : old.records(), old == null ? -1 : old.pages()));
  }

  /** A read went to the feed's end: {@code records} records on {@code pages} pages. */
  static synchronized void complete(String key, long records, int pages, int pageSize) {
    Seen old = SEEN.get(key);
    long total = old == null ? -1 : old.total();
    SEEN.put(key, new Seen(total, pageSize, records, pages));
  }
}
