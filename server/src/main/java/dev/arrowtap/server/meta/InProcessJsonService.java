package dev.arrowtap.server.meta;

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
public final class InProcessJsonService extends JsonService {
  private final JsonHandler handler;

  public InProcessJsonService(Meta meta) {
    this.handler = new JsonHandler(new LocalService(meta), NoopMetricsSystem.getInstance());
  }

  @Override
  public String apply(String request) {
    return handler.apply(request).getResponse();
  }
}
