package dev.arrowtap.metrics;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.arrowtap.engine.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code sys} schema: {@code queries} and {@code task_metrics} over the engine's metrics store,
 * and the table functions {@code task_probe(n)} and {@code explain_analyze(query_id)}.
 */
public final class SysSchema extends AbstractSchema {
  private final SessionSettings settings;
  private final ExecutionServices services;

  public SysSchema(SessionSettings settings, ExecutionServices services) {
    this.settings = settings;
    this.services = services;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    MetricsStore store = services.metrics();
    return Map.of(
        "queries", SysTables.queries(store), "task_metrics", SysTables.taskMetrics(store));
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.of(
        "task_probe",
        SysFunctions.wholeNumberMacro(
            "task_probe",
            "tasks",
            1,
            1024,
            tasks -> new TaskProbeTable(tasks.intValue(), settings, services)));
  }
}
