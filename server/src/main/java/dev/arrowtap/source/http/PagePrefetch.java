package dev.arrowtap.source.http;

import dev.arrowtap.catalog.HttpSettings;
import dev.arrowtap.exec.TaskContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * At most one page requested ahead, so that the next page's round trip overlaps the decoding of
 * this one. A guess that turns out wrong is discarded and its connection closed.
 */
final class PagePrefetch implements AutoCloseable {
  private final FeedHttpClient http;
  private final HttpSettings settings;
  private final TaskContext context;
  private final Executor executor;
  private PageRequest request;
  private CompletableFuture<Outcome> pending;

  /** A fetch's result: the response, or why there is none. */
  private record Outcome(PageResponse response, HttpFailure failure) {}

  PagePrefetch(FeedHttpClient http, HttpSettings settings, TaskContext context, Executor executor) {
    this.http = http;
    this.settings = settings;
    this.context = context;
    this.executor = executor;
  }

  /** Starts fetching a page that will probably be asked for next. */
  void start(PageRequest next) {
    discard();
    request = next;
    pending = CompletableFuture.supplyAsync(() -> fetch(next), executor);
  }

  /** The page: the one fetched ahead if it is this one, otherwise fetched now. */
  PageResponse take(PageRequest wanted) throws HttpFailure {
    if (pending != null && wanted.equals(request)) {
      CompletableFuture<Outcome> mine = pending;
      pending = null;
      Outcome outcome;
      try {
        outcome = mine.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        CompletableFuture<Void> unused = mine.thenAccept(PagePrefetch::release);
        throw new HttpFailure("cancelled", 0, 0, e);
      } catch (ExecutionException e) {
        throw new HttpFailure(String.valueOf(e.getCause()), 0, 0, e.getCause());
      }
      if (outcome.failure != null) {
        throw outcome.failure;
      }
      return outcome.response;
    }
    discard();
    return http.fetch(wanted, settings, context::isStopped, context.metrics());
  }

  /** Drops a guess that will not be used; its response is closed whenever it arrives. */
  void discard() {
    if (pending != null) {
      CompletableFuture<Void> unused = pending.thenAccept(PagePrefetch::release);
      pending = null;
      request = null;
    }
  }

  private Outcome fetch(PageRequest next) {
    try {
      return new Outcome(http.fetch(next, settings, context::isStopped, context.metrics()), null);
    } catch (HttpFailure e) {
      return new Outcome(null, e);
    }
  }

  private static void release(Outcome outcome) {
    if (outcome.response != null) {
      outcome.response.abort();
      outcome.response.close();
    }
  }

  @Override
  public void close() {
    discard();
  }
}
