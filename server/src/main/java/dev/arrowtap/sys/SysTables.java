package dev.arrowtap.sys;

import static dev.arrowtap.sys.SysTable.column;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.WorkerHealth;
import dev.arrowtap.metrics.ApiUsage;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.TaskMetricsSnapshot;
import dev.arrowtap.sys.SysTable.SysColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The tables of the {@code sys} schema: {@code queries}, {@code task_metrics}, {@code workers},
 * {@code table_requests} and {@code host_requests}.
 */
final class SysTables {
  private SysTables() {}

  /** One row per retained query. */
  static SysTable queries(MetricsStore store, String ownConnection, Optional<String> visibleUser) {
    return new SysTable(
        List.of(
            column("query_id", SqlTypeName.BIGINT, false),
            column("sql_text", SqlTypeName.VARCHAR, true),
            column("user_name", SqlTypeName.VARCHAR, true),
            column("state", SqlTypeName.VARCHAR, false),
            column("start_time", SqlTypeName.TIMESTAMP, false),
            column("elapsed_ms", SqlTypeName.BIGINT, false),
            column("row_count", SqlTypeName.BIGINT, false),
            column("tasks", SqlTypeName.INTEGER, false),
            column("connection_id", SqlTypeName.VARCHAR, true),
            column("statement_id", SqlTypeName.INTEGER, false),
            column("error", SqlTypeName.VARCHAR, true),
            column("application_name", SqlTypeName.VARCHAR, true)),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (QueryMetrics query : store.visibleTo(visibleUser)) {
            rows.add(
                new Object[] {
                  query.id(),
                  query.sql(),
                  query.user().isEmpty() ? null : query.user(),
                  query.state().name(),
                  query.startMillis(),
                  query.elapsedMillis(),
                  query.rows(),
                  query.taskCount(),
                  visibleConnection(query.connectionId(), ownConnection),
                  query.statementId(),
                  query.error(),
                  query.application().isEmpty() ? null : query.application()
                });
          }
          return rows;
        });
  }

  /**
   * A query's connection id, shown only to that connection: knowing another session's id would let
   * a client send Avatica requests on it.
   */
  private static String visibleConnection(String connectionId, String ownConnection) {
    if (connectionId.isEmpty()) {
      return null;
    }
    return ownConnection == null || ownConnection.equals(connectionId) ? connectionId : null;
  }

  /** One row per task of every retained query. */
  static SysTable taskMetrics(MetricsStore store, Optional<String> visibleUser) {
    return new SysTable(
        List.of(
            column("query_id", SqlTypeName.BIGINT, false),
            column("stage", SqlTypeName.INTEGER, false),
            column("task", SqlTypeName.INTEGER, false),
            column("scan", SqlTypeName.VARCHAR, false),
            column("slice", SqlTypeName.VARCHAR, false),
            column("worker", SqlTypeName.VARCHAR, true),
            column("state", SqlTypeName.VARCHAR, false),
            column("attempts", SqlTypeName.INTEGER, false),
            column("row_count", SqlTypeName.BIGINT, false),
            column("batches", SqlTypeName.BIGINT, false),
            column("arrow_bytes", SqlTypeName.BIGINT, false),
            column("http_requests", SqlTypeName.BIGINT, false),
            column("http_bytes", SqlTypeName.BIGINT, false),
            column("retries", SqlTypeName.BIGINT, false),
            column("first_batch_ms", SqlTypeName.BIGINT, true),
            column("elapsed_ms", SqlTypeName.BIGINT, false),
            column("peak_memory_bytes", SqlTypeName.BIGINT, false),
            column("error", SqlTypeName.VARCHAR, true),
            column("start_offset_ms", SqlTypeName.BIGINT, true),
            column("notes", SqlTypeName.VARCHAR, true),
            column("rate_limit_waits", SqlTypeName.BIGINT, false),
            column("rate_limit_wait_ms", SqlTypeName.BIGINT, false),
            column("cache_hits", SqlTypeName.BIGINT, false),
            column("rows_in", SqlTypeName.BIGINT, false)),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (QueryMetrics query : store.visibleTo(visibleUser)) {
            for (TaskMetricsSnapshot task : query.taskSnapshots()) {
              rows.add(task.toRow());
            }
          }
          return rows;
        });
  }

  /**
   * What the engine's queries have cost each API since it started: one row per table and host
   * ({@code byTable}), or per host summed over its tables.
   */
  static SysTable apiRequests(MetricsStore store, boolean byTable) {
    List<SysColumn> columns = new ArrayList<>();
    if (byTable) {
      columns.add(column("table_name", SqlTypeName.VARCHAR, false));
    }
    columns.addAll(
        List.of(
            column("host", SqlTypeName.VARCHAR, false),
            column("http_requests", SqlTypeName.BIGINT, false),
            column("http_bytes", SqlTypeName.BIGINT, false),
            column("errors", SqlTypeName.BIGINT, false),
            column("http_429", SqlTypeName.BIGINT, false),
            column("cache_hits", SqlTypeName.BIGINT, false),
            column("rate_limit_waits", SqlTypeName.BIGINT, false),
            column("rate_limit_wait_ms", SqlTypeName.BIGINT, false)));
    return new SysTable(
        columns,
        () -> {
          List<Object[]> rows = new ArrayList<>();
          ApiUsage usage = store.apiUsage();
          for (ApiUsage.Row row : byTable ? usage.byTable() : usage.byHost()) {
            List<Object> values = new ArrayList<>();
            if (byTable) {
              values.add(row.table());
            }
            values.addAll(
                List.of(
                    row.host(),
                    row.requests(),
                    row.bytes(),
                    row.errors(),
                    row.throttled(),
                    row.cacheHits(),
                    row.waits(),
                    row.waitMillis()));
            rows.add(values.toArray());
          }
          return rows;
        });
  }

  /** One row per configured worker: its standing in the rotation and its failures. */
  static SysTable workers(ExecutionServices services) {
    return new SysTable(
        List.of(
            column("address", SqlTypeName.VARCHAR, false),
            column("state", SqlTypeName.VARCHAR, false),
            column("in_rotation", SqlTypeName.BOOLEAN, false),
            column("failures", SqlTypeName.BIGINT, false),
            column("consecutive_failures", SqlTypeName.INTEGER, false),
            column("last_failure", SqlTypeName.TIMESTAMP, true),
            column("last_error", SqlTypeName.VARCHAR, true),
            column("retry_in_ms", SqlTypeName.BIGINT, true)),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (WorkerHealth.Status worker : services.workerStatuses()) {
            boolean down = worker.state() == WorkerHealth.State.DOWN;
            rows.add(
                new Object[] {
                  worker.address(),
                  worker.state().name(),
                  !down,
                  worker.failures(),
                  worker.consecutiveFailures(),
                  worker.lastFailureMillis() > 0 ? worker.lastFailureMillis() : null,
                  worker.lastError(),
                  down ? worker.retryInMillis() : null
                });
          }
          return rows;
        });
  }
}
