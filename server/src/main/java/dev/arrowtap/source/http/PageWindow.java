package dev.arrowtap.source.http;

import dev.arrowtap.catalog.AuthDef;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.HttpSettings;
import dev.arrowtap.exec.TaskContext;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The pages of one feed scan requested ahead of the decoder, by page index, so that several round
 * trips overlap each other and the decoding. A page is used only if it is asked for with the same
 * request; any other is discarded and its connection closed, so a wrong guess never becomes rows.
 * Memory: each page waiting here holds an open response whose body is read only when it is taken.
 *
 * <p>At most {@code inFlight} pages wait for their answer at once; pages asked for beyond that are
 * planned, and the thread whose page has just been answered sends the next planned one itself. So
 * the next request goes out the moment a slot frees, without waiting for the reader to wake up and
 * decode the page before it (measured by {@code bench/pages.sh}).
 */
final class PageWindow implements AutoCloseable {
  private final FeedHttpClient http;
  private final FeedDef feed;
  private final boolean useCache;
  private final HttpSettings settings;
  private final TaskContext context;
  private final Executor executor;
  private final int inFlight;
  // Pages sent and not answered yet; changed under this window's lock.
  private int awaiting;
  // The lowest page whose request failed: no page after it is sent any more (under the lock).
  private int failedAt = Integer.MAX_VALUE;
  // Read by cancel() on another thread; changed only by the reader's thread.
  private final ConcurrentSkipListMap<Integer, Ahead> ahead = new ConcurrentSkipListMap<>();

  /** A fetch's result: the response, or why there is none. */
  private record Outcome(PageResponse response, HttpFailure failure) {}

  /** A page asked for: planned until {@code sent}, answered when {@code outcome} completes. */
  private record Ahead(
      int index,
      PageRequest request,
      FetchAbort abort,
      CompletableFuture<Outcome> outcome,
      java.util.concurrent.atomic.AtomicBoolean sent) {
    Ahead(int index, PageRequest request) {
      this(
          index,
          request,
          new FetchAbort(),
          new CompletableFuture<>(),
          new java.util.concurrent.atomic.AtomicBoolean());
    }
  }

  /**
   * @param inFlight the most pages waiting for their answer at once
   */
  PageWindow(
      FeedHttpClient http,
      FeedDef feed,
      boolean useCache,
      TaskContext context,
      Executor executor,
      int inFlight) {
    if (inFlight < 1) {
      throw new IllegalArgumentException("inFlight must be positive: " + inFlight);
    }
    this.inFlight = inFlight;
    this.http = http;
    this.useCache = useCache;
    this.feed = feed;
    this.settings = feed.http();
    this.context = context;
    this.executor = executor;
  }

  /** Whether page {@code index} is already requested. */
  boolean has(int index) {
    return ahead.containsKey(index);
  }

  /** Pages requested and not taken yet. */
  int size() {
    return ahead.size();
  }

  /** Starts fetching page {@code index}, unless that exact request is already on its way. */
  void start(int index, PageRequest request) {
    Ahead existing = ahead.get(index);
    if (existing != null) {
      if (existing.request.equals(request)) {
        return;
      }
      release(existing);
      clearFailure(index);
    }
    ahead.put(index, new Ahead(index, request));
    sendPlanned();
  }

  /** Sends the lowest planned pages while fewer than {@code inFlight} wait for an answer. */
  private void sendPlanned() {
    Ahead page;
    while ((page = claimNext(false)) != null) {
      Ahead first = page;
      try {
        executor.execute(() -> send(first));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        first.outcome.complete(new Outcome(null, new HttpFailure("cancelled", 0, 0, e)));
        claimNext(true);
        return;
      }
    }
  }

  /**
   * The lowest planned page, now counted as sent, or null when there is none or no free slot.
   *
   * @param answered true when the caller's page has just been answered, freeing its slot
   */
  private synchronized Ahead claimNext(boolean answered) {
    if (answered) {
      awaiting--;
    }
    if (awaiting >= inFlight) {
      return null;
    }
    for (Ahead page : ahead.headMap(failedAt, true).values()) {
      if (page.sent.compareAndSet(false, true)) {
        awaiting++;
        return page;
      }
    }
    return null;
  }

  /** Fetches a page, then, on the same thread, the next planned one while there are any. */
  private void send(Ahead first) {
    Ahead page = first;
    while (page != null) {
      try {
        Outcome outcome = fetchAhead(page.request, page.abort);
        if (outcome.failure != null && !page.abort.aborted()) {
          failed(page.index);
        }
        page.outcome.complete(outcome);
      } catch (RuntimeException | Error e) {
        // The page's slot must come back whatever happens, or a reader would wait forever.
        failed(page.index);
        page.outcome.completeExceptionally(e);
      }
      page = claimNext(true);
    }
  }

  /**
   * Page {@code index} failed for good: the scan ends there, so no later page is sent any more, and
   * those on their way are cut off (an API that refuses one page would refuse them too).
   */
  private void failed(int index) {
    synchronized (this) {
      failedAt = Math.min(failedAt, index);
    }
    for (Ahead later : ahead.tailMap(index, false).values()) {
      later.abort.abort();
    }
  }

  /** A failed page asked for again with another request (a corrected guess) may go after all. */
  private synchronized void clearFailure(int index) {
    if (failedAt == index) {
      failedAt = Integer.MAX_VALUE;
    }
  }

  /**
   * Page {@code index}: the one fetched ahead if it was requested exactly so, otherwise fetched
   * now. Pages before it will not be asked for any more and are dropped.
   */
  PageResponse take(int index, PageRequest wanted) throws HttpFailure {
    dropBefore(index);
    Ahead mine = ahead.get(index);
    if (mine == null || !mine.request.equals(wanted)) {
      // Sent like any other page, so that it too waits for a free slot; it is the lowest one.
      start(index, wanted);
      mine = ahead.get(index);
    }
    Outcome outcome;
    try {
      outcome = mine.outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ahead.remove(index, mine);
      release(mine);
      throw new HttpFailure("cancelled", 0, 0, e);
    } catch (ExecutionException e) {
      ahead.remove(index, mine);
      throw new HttpFailure(String.valueOf(e.getCause()), 0, 0, e.getCause());
    }
    ahead.remove(index, mine);
    if (outcome.failure != null) {
      throw outcome.failure;
    }
    return outcome.response;
  }

  /** Drops every page from {@code index} on: the feed ends before them. */
  void discardFrom(int index) {
    Iterator<Map.Entry<Integer, Ahead>> it = ahead.tailMap(index, true).entrySet().iterator();
    while (it.hasNext()) {
      release(it.next().getValue());
      it.remove();
    }
  }

  private void dropBefore(int index) {
    Iterator<Map.Entry<Integer, Ahead>> it = ahead.headMap(index, false).entrySet().iterator();
    while (it.hasNext()) {
      release(it.next().getValue());
      it.remove();
    }
  }

  private Outcome fetchAhead(PageRequest request, FetchAbort abort) {
    try {
      return new Outcome(fetch(request, abort), null);
    } catch (HttpFailure e) {
      return new Outcome(null, e);
    }
  }

  /** From the table's response cache when it has the page, else over the network. */
  private PageResponse fetch(PageRequest request, FetchAbort abort) throws HttpFailure {
    return ResponseCache.fetch(
        feed, request, useCache, sent -> send(sent, abort), context.metrics()::addCacheHit);
  }

  /** Sends a request; an OAuth2 token the API refuses with 401 is renewed and sent again once. */
  private PageResponse send(PageRequest request, FetchAbort abort) throws HttpFailure {
    try {
      return http.fetch(
          request,
          settings,
          context::isStopped,
          context.metrics(),
          abort,
          RequestBudgets.of(feed, request.uri(), context.location()));
    } catch (HttpFailure e) {
      if (e.status() != 401 || !(feed.auth() instanceof AuthDef.OAuth2 oauth)) {
        throw e;
      }
      String used =
          request.headers().getOrDefault("Authorization", "").replaceFirst("^Bearer ", "");
      OAuthTokens.refused(oauth, used);
      Map<String, String> headers = new LinkedHashMap<>(request.headers());
      headers.put("Authorization", "Bearer " + OAuthTokens.token(feed, oauth));
      PageRequest renewed =
          new PageRequest(request.method(), request.uri(), headers, request.body());
      return http.fetch(
          renewed,
          settings,
          context::isStopped,
          context.metrics(),
          abort,
          RequestBudgets.of(feed, request.uri(), context.location()));
    }
  }

  /** Cancels a page nobody will read; a response that arrives all the same is closed. */
  private static void release(Ahead dropped) {
    dropped.abort.abort();
    CompletableFuture<Void> unused =
        dropped.outcome.thenAccept(
            outcome -> {
              if (outcome.response != null) {
                outcome.response.abort();
                outcome.response.close();
              }
            });
  }

  /** Cancels every page still on its way, from any thread: a reader waiting for one wakes up. */
  void abortAll() {
    for (Ahead page : ahead.values()) {
      page.abort.abort();
    }
  }

  @Override
  public void close() {
    discardFrom(Integer.MIN_VALUE);
  }
}
