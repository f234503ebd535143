package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.RateLimitDef;
import dev.arrowtap.exec.TaskContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request budgets of this process, one per host (scheme, host and port) or per table as the
 * catalog says; every query and task in the process draws on the same one. A worker process has its
 * own, sized by the coordinator as its share (see {@link RateLimitDef#share}). Budgets are kept per
 * place a task runs ({@code TaskContext.location}: the coordinator, or a worker's address), so that
 * workers sharing a JVM (tests, a single-machine setup) keep separate budgets as separate processes
 * would.
 */
final class RequestBudgets {
  private static final Map<String, RequestBudget> BUDGETS = new ConcurrentHashMap<>();

  private RequestBudgets() {}

  /**
   * The budgets a request of this feed to this URI draws on: its host's, and its table's when the
   * catalog limits the table alone (a pause the host's API imposes holds for every table on it).
   */
  static List<RequestBudget> of(FeedDef feed, URI uri, String place) {
    RateLimitDef limit = feed.fetch().rateLimit();
    if (limit.perHost()) {
      RequestBudget host =
          BUDGETS.computeIfAbsent(place + " host " + hostKey(uri), k -> new RequestBudget(limit));
      if (!limit.equals(RateLimitDef.NONE)) {
        host.configure(limit); // a table without a limit leaves another table's in place
      }
      return List.of(host);
    }
    RequestBudget table =
        BUDGETS.computeIfAbsent(
            place + " table " + feed.qualifiedName() + " " + hostKey(uri),
            k -> new RequestBudget(limit));
    table.configure(limit);
    return List.of(table, ofHost(uri, place));
  }

  /** The budget of a host in the coordinator, without a table: what a 429 from it pauses. */
  static RequestBudget ofHost(URI uri) {
    return ofHost(uri, TaskContext.LOCAL);
  }

  /** The budget of a host at {@code place}, without a table: what a 429 from it pauses. */
  static RequestBudget ofHost(URI uri, String place) {
    // A host without a limit of its own: only pauses apply, and no table's numbers change it.
    return BUDGETS.computeIfAbsent(
        place + " host " + hostKey(uri), k -> new RequestBudget(RateLimitDef.NONE));
  }

  private static String hostKey(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + uri.getPort();
  }
}
