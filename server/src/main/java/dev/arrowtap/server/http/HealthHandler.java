package dev.arrowtap.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.WorkerHealth;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Answers {@code GET /health} without a session, for load balancers and operators: the server's
 * state and each configured worker's standing, as JSON; 503 while the server stops or when no
 * worker is in rotation.
 */
final class HealthHandler extends AbstractHandler {
  static final String PATH = "/health";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutionServices services;
  private final BooleanSupplier stopping;
  private final long startedMillis = System.currentTimeMillis();

  HealthHandler(ExecutionServices services, BooleanSupplier stopping) {
    this.services = services;
    this.stopping = stopping;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!PATH.equals(target) || !"GET".equals(request.getMethod())) {
      return;
    }
    List<WorkerHealth.Status> workers = services.workerStatuses();
    long down = workers.stream().filter(w -> w.state() == WorkerHealth.State.DOWN).count();
    String status;
    if (stopping.getAsBoolean()) {
      status = "stopping";
    } else if (!workers.isEmpty() && down == workers.size()) {
      status = "unavailable";
    } else {
      status = down > 0 ? "degraded" : "ok";
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("status", status);
    body.put("state", stopping.getAsBoolean() ? "stopping" : "running");
    body.put("started", Instant.ofEpochMilli(startedMillis).toString());
    body.put("running_queries", services.metrics().running().size());
    ArrayNode list = body.putArray("workers");
    for (WorkerHealth.Status worker : workers) {
      ObjectNode entry = list.addObject();
      entry.put("address", worker.address());
      entry.put("state", worker.state().name().toLowerCase(Locale.ROOT));
      entry.put("in_rotation", worker.state() != WorkerHealth.State.DOWN);
      entry.put("failures", worker.failures());
      entry.put("consecutive_failures", worker.consecutiveFailures());
      if (worker.lastFailureMillis() > 0) {
        entry.put("last_failure", Instant.ofEpochMilli(worker.lastFailureMillis()).toString());
        entry.put("last_error", worker.lastError());
      }
      if (worker.state() == WorkerHealth.State.DOWN) {
        entry.put("retry_in_ms", worker.retryInMillis());
      }
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    boolean serving = status.equals("ok") || status.equals("degraded");
    response.setStatus(
        serving ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    baseRequest.setHandled(true);
  }
}
