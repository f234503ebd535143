package dev.arrowtap.sys;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.source.probe.TaskProbeTable;
import java.util.Map;
import java.util.Optional;
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
  private final String ownConnection;
  private final Optional<String> visibleUser;

  /**
   * @param ownConnection the Avatica connection this session serves, or null for a session opened
   *     on the engine directly (which then sees every connection id)
   * @param visibleUser the only user whose queries the session sees, or empty for every user's
   */
  public SysSchema(
      SessionSettings settings,
      ExecutionServices services,
      String ownConnection,
      Optional<String> visibleUser) {
    this.settings = settings;
    this.services = services;
    this.ownConnection = ownConnection;
    this.visibleUser = visibleUser;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    MetricsStore store = services.metrics();
    return Map.of(
        "queries",
        SysTables.queries(store, ownConnection, visibleUser),
        "task_metrics",
        SysTables.taskMetrics(store, visibleUser),
        "workers",
        SysTables.workers(services),
        "table_requests",
        SysTables.apiRequests(store, true),
        "host_requests",
        SysTables.apiRequests(store, false));
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
