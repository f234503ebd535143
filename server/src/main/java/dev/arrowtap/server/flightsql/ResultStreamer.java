package dev.arrowtap.server.flightsql;

import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryScope;
import dev.arrowtap.metrics.QueryState;
import io.grpc.Context;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a statement's query and streams its rows to a Flight client as Arrow batches. A batch is
 * sent only when the client is ready for it ({@code putNext} does not wait), so the server holds a
 * few batches per result at most, whatever its size; the query shows in {@code sys.queries} like
 * any other and stops when the client cancels or goes away.
 */
final class ResultStreamer {
  /** Rows per batch: large enough to amortise a message, small enough to bound memory. */
  static final int BATCH_ROWS = 8192;

  private static final long READY_POLL_MILLIS = 100;

  private final MetricsStore store;
  private final Secrets secrets;
  private final BufferAllocator allocator;

  ResultStreamer(MetricsStore store, Secrets secrets, BufferAllocator allocator) {
    this.store = store;
    this.secrets = secrets;
    this.allocator = allocator;
  }

  /** Runs the statement with its bound parameters and sends every row, then ends the stream. */
  void stream(OpenStatement statement, ServerStreamListener listener) {
    QueryMetrics query =
        store.begin(
            statement.sql(),
            statement.user(),
            statement.session().id(),
            statement.id(),
            "flight-sql");
    statement.running(query);
    CancelAwareBackpressure backpressure = new CancelAwareBackpressure();
    backpressure.register(listener);
    // gRPC tells the call's context at once when its client cancels or goes away; the listener's
    // own flag waits until this method returns (its callbacks run on the call's executor).
    Context call = Context.current();
    backpressure.context = call;
    PreparedStatement engineStatement = statement.statement();
    Runnable unhook = query.onCancel(() -> cancel(engineStatement));
    try (QueryScope scope = QueryScope.enter(query);
        BufferAllocator results =
            allocator.newChildAllocator("query-" + query.id(), 0, Long.MAX_VALUE);
        VectorSchemaRoot root = VectorSchemaRoot.create(statement.resultSchema(), results)) {
      ParameterRows.bind(engineStatement, statement.parameters());
      try (ResultSet rows = engineStatement.executeQuery()) {
        listener.start(root);
        send(rows, root, listener, backpressure, query);
      }
      if (query.isCancelled()) {
        throw new SQLException("query " + query.id() + " cancelled", SqlStates.QUERY_CANCELED);
      }
      if (backpressure.gone()) {
        // The client went away or stopped reading: nobody is listening.
        query.finish(QueryState.FINISHED, null);
        return;
      }
      listener.completed();
      query.finish(QueryState.FINISHED, null);
    } catch (SQLException | RuntimeException e) {
      fail(query, listener, backpressure, e);
    } finally {
      unhook.run();
      statement.running(null);
    }
  }

  private void send(
      ResultSet rows,
      VectorSchemaRoot root,
      ServerStreamListener listener,
      CancelAwareBackpressure backpressure,
      QueryMetrics query)
      throws SQLException {
    List<ArrowColumns.ColumnWriter> writers = ArrowColumns.writers(root);
    boolean more = true;
    // A cancelled call drops what is sent without an error: check before each batch.
    while (more && !backpressure.gone() && awaitReady(backpressure, query)) {
      // The batch sent last may still wait in gRPC's queue holding its buffers: clear (release)
      // them and write into new ones, never over buffers a message still holds.
      root.clear();
      root.allocateNew();
      int count = 0;
      while (count < BATCH_ROWS && (more = rows.next())) {
        for (ArrowColumns.ColumnWriter writer : writers) {
          writer.write(rows, count);
        }
        count++;
      }
      if (count > 0) {
        root.setRowCount(count);
        listener.putNext();
        query.addRows(count);
      }
    }
    root.clear();
  }

  private void fail(
      QueryMetrics query,
      ServerStreamListener listener,
      CancelAwareBackpressure backpressure,
      Exception failure) {
    String text =
        query.isCancelled()
            ? SqlStates.QUERY_CANCELED + ": query " + query.id() + " cancelled"
            : FlightErrors.text(failure, secrets);
    query.finish(query.isCancelled() ? QueryState.CANCELLED : QueryState.FAILED, text);
    if (!backpressure.gone()) {
      listener.error(
          (query.isCancelled()
              ? CallStatus.CANCELLED.withDescription(text).toRuntimeException()
              : FlightErrors.status(failure, secrets)));
    }
  }

  private static void cancel(PreparedStatement statement) {
    try {
      statement.cancel();
    } catch (SQLException | RuntimeException e) {
      // The query's own flag stops its scan anyway.
    }
  }

  /** Waits until the client can take a batch; false when the stream should stop instead. */
  private static boolean awaitReady(CancelAwareBackpressure backpressure, QueryMetrics query) {
    while (!query.isCancelled() && !backpressure.gone()) {
      BackpressureStrategy.WaitResult result = backpressure.waitForListener(READY_POLL_MILLIS);
      if (result == BackpressureStrategy.WaitResult.READY) {
        return true;
      }
      if (result == BackpressureStrategy.WaitResult.CANCELLED) {
        return false;
      }
    }
    return false;
  }

  /** Flight's callback strategy, remembering whether the client cancelled. */
  private static final class CancelAwareBackpressure
      extends BackpressureStrategy.CallbackBackpressureStrategy {
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile Context context = Context.ROOT;

    boolean gone() {
      return cancelled.get() || context.isCancelled();
    }

    @Override
    protected void cancelCallback() {
      cancelled.set(true);
      super.cancelCallback();
    }
  }
}
