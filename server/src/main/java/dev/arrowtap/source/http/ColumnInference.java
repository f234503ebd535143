package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.decode.SampleLimitReached;
import dev.arrowtap.decode.SchemaInference;
import dev.arrowtap.decode.TooManyFields;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryScope;
import dev.arrowtap.metrics.TaskMetrics;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Infers a feed's columns from a sample of its first page, within the session's bounds: at most
 * {@code infer_max_bytes} read and {@code infer_timeout_ms} spent, and stopped at once when the
 * query is cancelled. A first page read whole within those bounds is kept for the scan.
 */
final class ColumnInference {
  static final int SAMPLE_RECORDS = 1000;

  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          DaemonThreads.named("arrowtap-inference-timeouts"));

  /** The inferred columns, and the first page when it was read whole. */
  record Result(List<ColumnBinding> columns, FirstPage firstPage) {}

  private final FeedDef feed;
  private final SessionSettings limits;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean timedOut = new AtomicBoolean();
  private final AtomicReference<Runnable> abort = new AtomicReference<>(() -> {});

  private ColumnInference(FeedDef feed, SessionSettings limits) {
    this.feed = feed;
    this.limits = limits;
  }

  /** Infers the columns of {@code feed}, for the query the current thread plans (if any). */
  static Result infer(FeedDef feed, SessionSettings limits) {
    return new ColumnInference(feed, limits).run();
  }

  private boolean stopped() {
    return cancelled.get() || timedOut.get();
  }

  /** Makes {@code action} the way to cut off the current read, running it now if stopped. */
  private void abortWith(Runnable action) {
    abort.set(action);
    if (stopped()) {
      action.run();
    }
  }

  private Result run() {
    QueryMetrics query = QueryScope.current().orElse(null);
    Runnable unhook =
        query == null
            ? () -> {}
            : query.onCancel(
                () -> {
                  cancelled.set(true);
                  abort.get().run();
                });
    ScheduledFuture<?> timer =
        TIMERS.schedule(
            () -> {
              timedOut.set(true);
              abort.get().run();
            },
            limits.inferTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      PageRequest first;
      try {
        // An OAuth2 token may be fetched here: the wait ends with a cancel or the timeout.
        first = new Paginator(feed, defaults(feed), -1, Map.of(), this::stopped).first();
      } catch (ArrowtapException e) {
        throw stoppedOr(FeedPlace.of(feed), e);
      }
      return read(first);
    } finally {
      timer.cancel(false);
      unhook.run();
    }
  }

  private Result read(PageRequest first) {
    FeedPlace where = FeedPlace.request(feed, 1, first.uri().toString());
    try (PageResponse response =
        FeedHttpClient.shared()
            .fetch(first, feed.http(), this::stopped, new TaskMetrics(), this::abortWith)) {
      abortWith(response::abort);
      SampleStream sample =
          new SampleStream(response.body(), limits.inferMaxBytes(), this::stopped);
      SchemaInference.Sample seen;
      try {
        seen =
            SchemaInference.sample(
                sample,
                response.contentType(),
                feed.records(),
                SAMPLE_RECORDS,
                limits.maxInferredColumns());
      } catch (SampleLimitReached e) {
        throw nothingSampled(where, sample);
      } catch (TooManyFields e) {
        response.abort();
        throw where.error(
            SqlStates.PROGRAM_LIMIT,
            "cannot infer columns: record "
                + (e.record() + 1)
                + " brings the fields past max_inferred_columns = "
                + e.limit()
                + "; declare the columns in the catalog, read a narrower part with a pointer,"
                + " or raise max_inferred_columns (at most "
                + SessionSettings.MAX_INFERRED_COLUMNS_LIMIT
                + ")",
            null);
      }
      List<ColumnBinding> columns =
          seen.columns().stream()
              // Always nullable: a record after the sample may lack any field.
              .map(b -> new ColumnBinding(nullable(b.column()), b.pointer(), b.format()))
              .toList();
      if (columns.isEmpty()) {
        throw where.error(
            SqlStates.FEED_BAD_DATA,
            "cannot infer columns: the first page has no records; declare the columns in the catalog",
            null);
      }
      // Only a page whose records were all sampled is read on: its tail is a few bytes, where
      // the rest of a long page could take as long as the scan itself.
      byte[] whole = seen.allRecords() ? sample.readToEnd() : null;
      if (whole == null) {
        response.abort();
      }
      FirstPage page =
          whole == null ? null : new FirstPage(first, response.status(), response.headers(), whole);
      return new Result(columns, page);
    } catch (HttpFailure e) {
      throw stoppedOr(
          where,
          where.error(SqlStates.FEED_UNAVAILABLE, "cannot infer columns: " + e.getMessage(), e));
    } catch (JsonDecodeException e) {
      throw stoppedOr(
          where, where.error(e.sqlState(), "cannot infer columns: " + e.getMessage(), e));
    } catch (IOException e) {
      throw stoppedOr(
          where,
          where.error(SqlStates.FEED_UNAVAILABLE, "cannot infer columns: " + e.getMessage(), e));
    }
  }

  /** Inference stopped before one whole record: say which bound stopped it. */
  private ArrowtapException nothingSampled(FeedPlace where, SampleStream sample) {
    if (sample.exhausted() && !stopped()) {
      return where.error(
          SqlStates.PROGRAM_LIMIT,
          "cannot infer columns: no whole record in the first "
              + limits.inferMaxBytes()
              + " bytes (infer_max_bytes); raise infer_max_bytes or declare the columns",
          null);
    }
    return stoppedOr(
        where, where.error(SqlStates.FEED_UNAVAILABLE, "cannot infer columns: no record", null));
  }

  /** The cancellation or timeout that cut a read off, else {@code error} itself. */
  private ArrowtapException stoppedOr(FeedPlace where, ArrowtapException error) {
    if (cancelled.get()) {
      return new ArrowtapException(
          SqlStates.QUERY_CANCELED, "query cancelled while inferring the columns of " + where);
    }
    if (timedOut.get()) {
      return where.error(
          SqlStates.FEED_UNAVAILABLE,
          "cannot infer columns: no record within "
              + limits.inferTimeout().toMillis()
              + " ms (infer_timeout_ms); raise infer_timeout_ms or declare the columns",
          null);
    }
    return error;
  }

  /** Parameter defaults: inference runs only on feeds whose parameters all have one. */
  private static Map<String, String> defaults(FeedDef feed) {
    Map<String, String> values = new HashMap<>();
    feed.parameters().forEach(p -> p.defaultValue().ifPresent(v -> values.put(p.name(), v)));
    return values;
  }

  private static Column nullable(Column column) {
    return column.withNullable(true);
  }
}
