package dev.arrowtap.spark;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.source.http.SchemaCache;
import java.time.Clock;
import java.time.Duration;

/**
 * What the driver needs to plan with arrowtap's tables: an execution-services instance that never
 * runs a task here (Spark's executors do), and the cache of inferred feed columns.
 */
final class PlanningServices {
  /** Inferred columns are kept this long, as in the server's default. */
  private static final Duration SCHEMA_TTL = Duration.ofMinutes(10);

  private static final ExecutionServices SERVICES = new ExecutionServices(1, 0);
  private static final SchemaCache SCHEMAS = new SchemaCache(SCHEMA_TTL, Clock.systemUTC());

  private PlanningServices() {}

  /** Shared by the feeds planned in this JVM; it allocates no memory and starts no thread. */
  static ExecutionServices services() {
    return SERVICES;
  }

  static SchemaCache schemas() {
    return SCHEMAS;
  }
}
