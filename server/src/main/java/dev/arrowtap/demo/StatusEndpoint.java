package dev.arrowtap.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/status}: one JSON object, for the {@code object} records format. */
final class StatusEndpoint implements DemoEndpoint {
  private final DemoResponse response;

  StatusEndpoint(DemoData data) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("users", data.users().size());
    counts.put("orders", data.orders().size());
    counts.put("events", data.events().size());
    counts.put("products", data.products().size());
    counts.put("tickets", data.tickets().size());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("service", "arrowtap demo API");
    status.put("status", "ok");
    status.put("version", 1);
    // A fixed date rather than the start time, so that every run answers the same bytes.
    status.put("data_as_of", "2024-12-31T00:00:00Z");
    status.put("counts", counts);
    this.response = DemoResponse.json(status);
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    return response;
  }
}
