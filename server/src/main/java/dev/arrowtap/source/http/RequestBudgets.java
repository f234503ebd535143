package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.RateLimitDef;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request budgets of this process, one per host (scheme, host and port) or per table as the
 * catalog says; every query and task in the process draws on the same one. A worker process has its
 * own, sized by the coordinator as its share (see {@link RateLimitDef#share}).
 */
final class RequestBudgets {
  private static final Map<String, RequestBudget> BUDGETS = new ConcurrentHashMap<>();

  private RequestBudgets() {}

  /**
   * The budgets a request of this feed to this URI draws on: its host's, and its table's when the
   * catalog limits the table alone (a pause the host's API imposes holds for every table on it).
   */
  static List<RequestBudget> of(FeedDef feed, URI uri) {
    RateLimitDef limit = feed.fetch().rateLimit();
    if (limit.perHost()) {
      RequestBudget host =
          BUDGETS.computeIfAbsent("host " + hostKey(uri), k -> new RequestBudget(limit));
      if (!limit.equals(RateLimitDef.NONE)) {
        host.configure(limit); // a table without a limit leaves another table's in place
      }
      return List.of(host);
    }
    RequestBudget table =
        BUDGETS.computeIfAbsent(
            "table " + feed.qualifiedName() + " " + hostKey(uri), k -> new RequestBudget(limit));
    table.configure(limit);
    return List.of(table, ofHost(uri));
  }

  /** The budget of a host, without a table: what a 429 from it pauses. */
  static RequestBudget ofHost(URI uri) {
    // A host without a limit of its own: only pauses apply, and no table's numbers change it.
    return BUDGETS.computeIfAbsent(
        "host " + hostKey(uri), k -> new RequestBudget(RateLimitDef.NONE));
  }

  private static String hostKey(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + uri.getPort();
  }
}
