package dev.arrowtap.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters one task updates while it runs; read at any time, so they survive LIMIT, cancel and
 * failure. On a coordinator, a worker's own counts arrive with each batch and replace the HTTP and
 * memory figures here.
 */
public final class TaskMetrics {
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong rowsIn = new AtomicLong();
  private volatile boolean rowsInCounted;

  /** Rows in of earlier attempts (or runs), to which a worker's count for this one is added. */
  private volatile long rowsInBefore;

  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong arrowBytes = new AtomicLong();
  private final AtomicLong httpRequests = new AtomicLong();
  private final AtomicLong httpBytes = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rateLimitWaits = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();
  private final AtomicLong httpErrors = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  // The engine-wide counters of this task's table and host, or null: a worker's own copy of the
  // task counts nothing there, its coordinator does as the worker's figures arrive.
  private volatile ApiUsage.Counters usage;
  // The worker's figures absorbed so far in this attempt, so that only what is new is counted.
  private volatile TaskProgress absorbed;
  private volatile RequestAllowance allowance;
  private volatile SourceLength sourceLength;
  private final AtomicLong rateLimitWaitNanos = new AtomicLong();
  private final AtomicLong peakMemory = new AtomicLong();
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private volatile TaskState state = TaskState.PENDING;
  private volatile String location = "";
  private volatile String error;
  private volatile long startNanos;
  private volatile long startEpochMillis;
  private volatile long firstBatchNanos;
  private volatile long endNanos;

  public void addBatch(int batchRows, long bytes) {
    if (batches.getAndIncrement() == 0) {
      firstBatchNanos = System.nanoTime();
    }
    rows.addAndGet(batchRows);
    arrowBytes.addAndGet(bytes);
  }

  /**
   * Counts rows the task read from its source. Sources count as they produce batches, so a task
   * that consumes rows and emits fewer (a partial aggregate's groups) shows both figures.
   */
  public void addRowsIn(long count) {
    rowsInCounted = true;
    rowsIn.addAndGet(count);
  }

  public void addHttpRequest(long bytes) {
    httpRequests.incrementAndGet();
    httpBytes.addAndGet(bytes);
    ApiUsage.Counters counters = usage;
    if (counters != null) {
      counters.requests.incrementAndGet();
      counters.bytes.addAndGet(bytes);
    }
  }

  public void addHttpBytes(long bytes) {
    httpBytes.addAndGet(bytes);
    ApiUsage.Counters counters = usage;
    if (counters != null) {
      counters.bytes.addAndGet(bytes);
    }
  }

  /** A request was answered with an error status ({@code status}), or with none (0). */
  public void addHttpError(int status) {
    httpErrors.incrementAndGet();
    if (status == 429) {
      throttled.incrementAndGet();
    }
    ApiUsage.Counters counters = usage;
    if (counters != null) {
      counters.errors.incrementAndGet();
      if (status == 429) {
        counters.throttled.incrementAndGet();
      }
    }
  }

  public long httpErrors() {
    return httpErrors.get();
  }

  /** Requests answered 429. */
  public long throttled() {
    return throttled.get();
  }

  /**
   * Counts this task's requests, bytes, errors, cache hits and waits also into the engine-wide
   * counters of its table and host.
   */
  public void countUsageIn(ApiUsage.Counters counters) {
    usage = counters;
  }

  /** Holds this task to its query's request budget, counted before each request leaves. */
  public void limitRequestsBy(RequestAllowance queryAllowance) {
    allowance = queryAllowance;
  }

  /**
   * Claims one request of the query's budget before it is sent.
   *
   * @return false when the budget is spent: the request must not leave
   */
  public boolean claimRequest() {
    RequestAllowance limit = allowance;
    return limit == null || limit.claim();
  }

  /** The query's request budget this task draws on, or null when there is none. */
  public RequestAllowance allowance() {
    return allowance;
  }

  /** Records what the task learned of its source's length, added to what it learned before. */
  public synchronized void noteSourceLength(SourceLength learned) {
    SourceLength old = sourceLength;
    sourceLength = old == null ? learned : old.merge(learned);
  }

  /** What the task learned of its source's length, or null. */
  public SourceLength sourceLength() {
    return sourceLength;
  }

  public void addRetry() {
    retries.incrementAndGet();
  }

  /** A request waited for a shared rate limit, an in-flight bound or an API's pause. */
  public void addRateLimitWait(long nanos) {
    rateLimitWaits.incrementAndGet();
    rateLimitWaitNanos.addAndGet(nanos);
    ApiUsage.Counters counters = usage;
    if (counters != null) {
      counters.waits.incrementAndGet();
      counters.waitMillis.addAndGet(nanos / 1_000_000);
    }
  }

  /** A page came from a response cache instead of the API. */
  public void addCacheHit() {
    cacheHits.incrementAndGet();
    ApiUsage.Counters counters = usage;
    if (counters != null) {
      counters.cacheHits.incrementAndGet();
    }
  }

  public long cacheHits() {
    return cacheHits.get();
  }

  public long rateLimitWaits() {
    return rateLimitWaits.get();
  }

  public long rateLimitWaitMillis() {
    return rateLimitWaitNanos.get() / 1_000_000;
  }

  /**
   * Records something a user should know about how the task read its source (such as a page size
   * the API capped); each distinct note once.
   */
  public void addNote(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  /** The notes so far, in the order they were made. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Records a memory high-water mark; the largest one seen is kept. */
  public void notePeakMemory(long bytes) {
    peakMemory.accumulateAndGet(bytes, Math::max);
  }

  /**
   * Takes over the figures a worker reports for its side of the current attempt; they add to the
   * figures of earlier attempts, so a failed attempt's requests stay counted.
   */
  public void absorb(TaskProgress progress) {
    countUsage(progress);
    if (progress.rowsIn() >= 0) {
      rowsIn.set(rowsInBefore + progress.rowsIn());
      rowsInCounted = true;
    }
    Before base = before;
    httpRequests.set(base.httpRequests + progress.httpRequests());
    httpBytes.set(base.httpBytes + progress.httpBytes());
    notePeakMemory(progress.peakMemory());
    rateLimitWaits.set(base.rateLimitWaits + progress.rateLimitWaits());
    cacheHits.set(base.cacheHits + progress.cacheHits());
    httpErrors.set(progress.httpErrors());
    throttled.set(progress.throttled());
    rateLimitWaitNanos.set(base.rateLimitWaitNanos + progress.rateLimitWaitMillis() * 1_000_000);
    // A worker counts the pages it tried again; the coordinator counts the task's own retries.
    workerRetries.set(progress.retries());
    if (progress.notes() != null) {
      progress.notes().forEach(this::addNote);
    }
    if (progress.sourceLength() != null) {
      noteSourceLength(progress.sourceLength());
    }
  }

  /** Adds what a worker's figures show beyond those absorbed before in this attempt. */
  private synchronized void countUsage(TaskProgress progress) {
    ApiUsage.Counters counters = usage;
    TaskProgress previous = absorbed;
    absorbed = progress;
    if (counters == null) {
      return;
    }
    boolean fresh = previous == null;
    counters.requests.addAndGet(
        Math.max(0, progress.httpRequests() - (fresh ? 0 : previous.httpRequests())));
    counters.bytes.addAndGet(
        Math.max(0, progress.httpBytes() - (fresh ? 0 : previous.httpBytes())));
    counters.errors.addAndGet(
        Math.max(0, progress.httpErrors() - (fresh ? 0 : previous.httpErrors())));
    counters.throttled.addAndGet(
        Math.max(0, progress.throttled() - (fresh ? 0 : previous.throttled())));
    counters.cacheHits.addAndGet(
        Math.max(0, progress.cacheHits() - (fresh ? 0 : previous.cacheHits())));
    counters.waits.addAndGet(
        Math.max(0, progress.rateLimitWaits() - (fresh ? 0 : previous.rateLimitWaits())));
    counters.waitMillis.addAndGet(
        Math.max(0, progress.rateLimitWaitMillis() - (fresh ? 0 : previous.rateLimitWaitMillis())));
  }

  /** The figures of earlier attempts, to which a worker's figures for this one are added. */
  private record Before(
      long httpRequests,
      long httpBytes,
      long rateLimitWaits,
      long cacheHits,
      long rateLimitWaitNanos) {}

  private volatile Before before = new Before(0, 0, 0, 0, 0);
  private final AtomicLong workerRetries = new AtomicLong();

  /**
   * Adds what was read for this task before it started (a feed's first page, read once when the
   * scan cut the feed into page ranges).
   */
  public void addEarlier(TaskMetrics earlier) {
    httpRequests.addAndGet(earlier.httpRequests());
    httpBytes.addAndGet(earlier.httpBytes());
    rateLimitWaits.addAndGet(earlier.rateLimitWaits());
    rateLimitWaitNanos.addAndGet(earlier.rateLimitWaitNanos.get());
    cacheHits.addAndGet(earlier.cacheHits());
    retries.addAndGet(earlier.retries());
    earlier.notes().forEach(this::addNote);
  }

  /** Marks the start of an attempt at {@code where} ({@code local} or a worker address). */
  public void startAttempt(String where) {
    absorbed = null;
    if (attempts.getAndIncrement() == 0) {
      startNanos = System.nanoTime();
      startEpochMillis = System.currentTimeMillis();
    }
    rowsInBefore = rowsIn.get();
    before =
        new Before(
            httpRequests.get(),
            httpBytes.get(),
            rateLimitWaits.get(),
            cacheHits.get(),
            rateLimitWaitNanos.get());
    retries.addAndGet(workerRetries.getAndSet(0));
    location = where;
    state = TaskState.RUNNING;
  }

  public void finish(TaskState finalState, String failure) {
    error = failure;
    endNanos = System.nanoTime();
    state = finalState;
  }

  /** The progress to send with a batch: cumulative, so the latest one is all a reader needs. */
  public TaskProgress progress() {
    return new TaskProgress(
        rows(),
        batches(),
        arrowBytes(),
        httpRequests(),
        httpBytes(),
        retries(),
        peakMemory(),
        notes(),
        rateLimitWaits(),
        rateLimitWaitMillis(),
        cacheHits(),
        rowsInCounted ? rowsIn.get() : -1,
        httpErrors(),
        throttled(),
        sourceLength);
  }

  /** When the task's first attempt started (epoch millis), or 0 if it has not started. */
  public long startedAtMillis() {
    return startEpochMillis;
  }

  public long rows() {
    return rows.get();
  }

  /**
   * Rows the task read from its source; the rows it handed on when its source does not count (a
   * task that passes its rows through).
   */
  public long rowsIn() {
    return rowsInCounted ? rowsIn.get() : rows();
  }

  public long batches() {
    return batches.get();
  }

  public long arrowBytes() {
    return arrowBytes.get();
  }

  public long httpRequests() {
    return httpRequests.get();
  }

  public long httpBytes() {
    return httpBytes.get();
  }

  /** Pages tried again and task attempts retried, on every attempt so far. */
  public long retries() {
    return retries.get() + workerRetries.get();
  }

  public long peakMemory() {
    return peakMemory.get();
  }

  public int attempts() {
    return attempts.get();
  }

  public TaskState state() {
    return state;
  }

  public String location() {
    return location;
  }

  public String error() {
    return error;
  }

  /** Milliseconds from the first attempt's start to the first batch, or -1 before it. */
  public long firstBatchMillis() {
    long first = firstBatchNanos;
    return first == 0 || startNanos == 0 ? -1 : (first - startNanos) / 1_000_000;
  }

  /** Milliseconds from the first attempt's start to the end, or to now while running. */
  public long elapsedMillis() {
    long start = startNanos;
    if (start == 0) {
      return 0;
    }
    long end = state.isDone() ? endNanos : System.nanoTime();
    return (end - start) / 1_000_000;
  }
}
