package dev.arrowtap.plan;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanExecution;
import dev.arrowtap.exec.ScanPlan;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/** The entry point that generated query code calls to run a scan. */
public final class ScanRuntime {
  private ScanRuntime() {}

  /** The rows of a scan, started lazily when the query first reads them. */
  public static Enumerable<Object> rows(
      DataContext root, ScanPlan plan, ExecutionServices services) {
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        ScanExecution execution = ScanExecution.start(plan, services, cancel);
        return new RowEnumerator(execution, plan.shape().size());
      }
    };
  }

  /**
   * The rows of one run of a scan that runs many times within a query (a lookup, once per batch of
   * ids); every run adds its figures to the stage registered under {@code stageKey}.
   */
  public static Enumerable<Object> repeatedRows(
      DataContext root,
      ScanPlan plan,
      ExecutionServices services,
      Object stageKey,
      String stageLabel,
      List<String> slots) {
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        ScanExecution execution =
            ScanExecution.startRepeated(plan, services, cancel, stageKey, stageLabel, slots);
        return new RowEnumerator(execution, plan.shape().size());
      }
    };
  }
}
