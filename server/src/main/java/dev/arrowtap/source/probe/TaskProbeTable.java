package dev.arrowtap.source.probe;

import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.plan.ScanTable;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import java.util.List;

/**
 * The table {@code sys.task_probe(n)} yields: n tasks, each one row with its task number and where
 * it ran ({@code local} or a worker's address), to check task routing through SQL.
 */
public final class TaskProbeTable extends ScanTable {
  static final TableShape SHAPE =
      new TableShape(
          List.of(
              new Column("task", ColumnType.BIGINT, false),
              new Column("worker", ColumnType.VARCHAR, false)));

  private final int tasks;
  private final SessionSettings settings;

  public TaskProbeTable(int tasks, SessionSettings settings, ExecutionServices services) {
    super(services);
    this.tasks = tasks;
    this.settings = settings;
  }

  @Override
  public boolean pushAggregates() {
    return settings.pushAggregates();
  }

  @Override
  public TableShape shape() {
    return SHAPE;
  }

  @Override
  public boolean supportsProjection() {
    return false;
  }

  @Override
  public ScanPlan planScan(int[] projection) {
    return new ScanPlan(
        "sys.task_probe(" + tasks + ")", SHAPE, TaskProbeTask.tasks(tasks), settings.batchSize());
  }
}
