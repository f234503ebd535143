package dev.arrowtap.spark;

import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.plan.ScanTable;
import dev.arrowtap.source.numbers.NumbersTableMacro;
import dev.arrowtap.source.numbers.NumbersTask;
import dev.arrowtap.types.TableShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code numbers(start, end)}, split by the server's numbers table into at most {@code slots}
 * ranges of at most {@code numbersPerTask} numbers each.
 */
record NumbersSource(long start, long end, long numbersPerTask, int slots) implements TableSource {
  private static final Pattern CALL =
      Pattern.compile(
          "\\s*numbers\\s*\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);

  static boolean matches(String table) {
    return CALL.matcher(table).matches();
  }

  static NumbersSource parse(String table, long numbersPerTask, int slots) {
    Matcher matcher = CALL.matcher(table);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "arrowtap: expected numbers(start, end) with whole numbers, got '" + table + "'");
    }
    try {
      return new NumbersSource(
          Long.parseLong(matcher.group(1)),
          Long.parseLong(matcher.group(2)),
          numbersPerTask,
          Math.max(1, slots));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "arrowtap: numbers(start, end) needs BIGINT bounds, got '" + table + "'", e);
    }
  }

  @Override
  public String name() {
    return "numbers(" + start + ", " + end + ")";
  }

  @Override
  public TableShape shape() {
    return plan(new int[] {0}, Map.of()).shape();
  }

  @Override
  public Set<Integer> bindableColumns() {
    return Set.of();
  }

  @Override
  public Optional<String> missingBindings(Map<Integer, List<String>> bindings) {
    return Optional.empty();
  }

  @Override
  public ScanPlan plan(
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    // The split depends on the slots only; these services run nothing.
    try (ExecutionServices services = new ExecutionServices(slots, 0)) {
      SessionSettings settings = new SessionSettings(numbersPerTask, 1);
      ScanTable table =
          (ScanTable) new NumbersTableMacro(settings, services).apply(List.of(start, end));
      return table.planScan(new int[] {0});
    }
  }

  @Override
  public ArrowtapPartition partition(List<TaskSpec> tasks, ReadSettings settings) {
    return NumbersPartition.of(tasks.stream().map(NumbersTask.class::cast).toList(), settings);
  }
}
