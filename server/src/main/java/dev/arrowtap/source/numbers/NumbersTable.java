package dev.arrowtap.source.numbers;

import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.plan.ScanTable;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.util.ImmutableBitSet;

/** The table {@code numbers(start, end)} yields: one BIGINT column, split into range tasks. */
public final class NumbersTable extends ScanTable {
  static final TableShape SHAPE =
      new TableShape(List.of(new Column("number", ColumnType.BIGINT, false)));

  private final long start;
  private final long end;
  private final SessionSettings settings;

  NumbersTable(long start, long end, SessionSettings settings, ExecutionServices services) {
    super(services);
    this.start = start;
    this.end = end;
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
  public Statistic getStatistic() {
    return Statistics.of((double) (end - start), List.of(ImmutableBitSet.of(0)));
  }

  @Override
  public boolean supportsProjection() {
    return false;
  }

  @Override
  public ScanPlan planScan(int[] projection) {
    List<TaskSpec> tasks = new ArrayList<>();
    for (long[] range : split(start, end, settings.numbersPerTask(), services.taskSlots())) {
      tasks.add(new NumbersTask(range[0], range[1]));
    }
    return new ScanPlan(
        "numbers(" + start + ", " + end + ")",
        SHAPE,
        tasks,
        settings.batchSize(),
        settings.queryMemoryLimit(),
        0);
  }

  /**
   * Splits [start, end) into ceil(size / perTask) ranges, at most {@code slots}, the first ones one
   * longer when the size does not divide evenly: (0, 11) in two gives [0-6), [6-11).
   */
  static List<long[]> split(long start, long end, long perTask, int slots) {
    long size = end - start;
    long wanted = Math.max(1, (size + perTask - 1) / perTask);
    int count = (int) Math.min(wanted, slots);
    long base = size / count;
    long remainder = size % count;
    List<long[]> ranges = new ArrayList<>(count);
    long from = start;
    for (int i = 0; i < count; i++) {
      long to = from + base + (i < remainder ? 1 : 0);
      ranges.add(new long[] {from, to});
      from = to;
    }
    return ranges;
  }
}
