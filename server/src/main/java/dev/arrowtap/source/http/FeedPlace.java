package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;

/**
 * Where in a feed an error happened, formatted once for every feed error: {@code feed s.t, page 2,
 * GET url}, the page and request when known, the feed's secrets masked in the whole message.
 *
 * @param page the 1-based page, or 0 when no page is involved
 * @param method the request's method, or null when no request is involved
 * @param url the request's URL (secrets still in it), or null
 */
record FeedPlace(FeedDef feed, int page, String method, String url) {

  /** The feed alone, for errors outside its pages' requests. */
  static FeedPlace of(FeedDef feed) {
    return new FeedPlace(feed, 0, null, null);
  }

  /** The request {@code url} for the 1-based page {@code page}. */
  static FeedPlace request(FeedDef feed, int page, String url) {
    return new FeedPlace(feed, page, feed.method(), url);
  }

  /** {@code place: problem}, the secrets of the feed masked. */
  String describe(String problem) {
    return feed.secrets().redact(this + ": " + problem);
  }

  /** An error naming this place. */
  ArrowtapException error(String sqlState, String problem, Throwable cause) {
    // The cause's messages may quote the API's answer, which may echo the credentials.
    return new ArrowtapException(sqlState, describe(problem), feed.secrets().redact(cause));
  }

  /** The place, secrets masked. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("feed ").append(feed.qualifiedName());
    if (page > 0) {
      out.append(", page ").append(page);
    }
    if (url != null) {
      out.append(", ").append(method).append(' ').append(url);
    }
    return feed.secrets().redact(out.toString());
  }
}
