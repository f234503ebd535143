package dev.arrowtap.source.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands the first page that inference read while a query was planned to the scan that follows, when
 * the scan runs in this JVM (a worker fetches the page itself). A page is taken once, by the first
 * scan whose first request is the same request (same URL, headers and body, so the same
 * credentials), and only within {@value #KEEP_MILLIS} ms; a few pages are kept at most.
 */
final class FirstPageHandover {
  static final long KEEP_MILLIS = 30_000;
  private static final int MAX_PAGES = 8;
  private static final long MAX_BYTES = 64L << 20;

  private static final Map<PageRequest, Held> PAGES = new LinkedHashMap<>();
  private static long bytes;

  private record Held(FirstPage page, long since) {}

  private FirstPageHandover() {}

  static synchronized void offer(FirstPage page) {
    if (page.body().length > MAX_BYTES) {
      return;
    }
    remove(page.request());
    PAGES.put(page.request(), new Held(page, System.nanoTime()));
    bytes += page.body().length;
    Iterator<Held> oldest = PAGES.values().iterator();
    while (PAGES.size() > MAX_PAGES || bytes > MAX_BYTES) {
      bytes -= oldest.next().page().body().length;
      oldest.remove();
    }
  }

  /** The page inference read for this request, once, if recent; null when there is none. */
  static synchronized FirstPage take(PageRequest request) {
    Held held = remove(request);
    if (held == null || System.nanoTime() - held.since() > KEEP_MILLIS * 1_000_000) {
      return null;
    }
    return held.page();
  }

  private static Held remove(PageRequest request) {
    Held held = PAGES.remove(request);
    if (held != null) {
      bytes -= held.page().body().length;
    }
    return held;
  }
}
