package dev.arrowtap.demo;

import dev.arrowtap.demo.DemoRecords.Event;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/events?page=N}: NDJSON, 100 events a page, with a {@code Link: <...>; rel="next"}
 * header on every page but the last.
 */
final class EventsEndpoint implements DemoEndpoint {
  static final int PAGE_SIZE = 100;

  private final List<Event> events;

  EventsEndpoint(List<Event> events) {
    this.events = List.copyOf(events);
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    int page = request.intParam("page", 1, 1, Integer.MAX_VALUE);
    long from = (long) (page - 1) * PAGE_SIZE;
    List<Event> rows = DemoEndpoint.slice(events, from, PAGE_SIZE);
    if (from + PAGE_SIZE >= events.size()) {
      return DemoResponse.ndjson(rows, Map.of());
    }
    // Absolute, as GitHub's API sends them; the catalog resolves relative ones too.
    String next = request.baseUrl() + "/api/events?page=" + (page + 1);
    return DemoResponse.ndjson(rows, Map.of("Link", "<" + next + ">; rel=\"next\""));
  }
}
