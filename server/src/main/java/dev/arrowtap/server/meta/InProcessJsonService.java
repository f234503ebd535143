package dev.arrowtap.server.meta;

import java.util.function.BiFunction;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.LocalService;

/**
 * A client-side service that hands serialized requests to the server's own handler in this JVM, so
 * the embedded driver goes through exactly the code a remote client reaches over HTTP, errors and
 * SQLStates included.
 */
public final class InProcessJsonService extends JsonService
    implements BiFunction<Meta.StatementHandle, Integer, ArrowReader> {
  private final JsonHandler handler;
  private final ArrowResults arrowResults;

  /** Opens a statement's result as Arrow batches read in this JVM. */
  @FunctionalInterface
  public interface ArrowResults {
    ArrowReader open(String connectionId, int statementId, int batchRows);
  }

  public InProcessJsonService(Meta meta, ArrowResults arrowResults) {
    this.handler = new JsonHandler(new LocalService(meta), NoopMetricsSystem.getInstance());
    this.arrowResults = arrowResults;
  }

  /**
   * The embedded driver's direct path to a result the engine served as Arrow: the batches, read in
   * this JVM with no serialization. A JDK interface, because the driver does not link the server.
   *
   * @param batchRows rows of a full batch, 0 for the default
   */
  @Override
  public ArrowReader apply(Meta.StatementHandle h, Integer batchRows) {
    return arrowResults.open(h.connectionId, h.id, batchRows == null ? 0 : batchRows);
  }

  @Override
  public String apply(String request) {
    return handler.apply(request).getResponse();
  }
}
