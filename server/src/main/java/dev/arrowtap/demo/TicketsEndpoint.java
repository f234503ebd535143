package dev.arrowtap.demo;

import dev.arrowtap.demo.DemoRecords.Ticket;
import java.util.List;

/**
 * {@code GET /api/tickets?after=ID}: next-URL pagination, answering {@code {"results": [...],
 * "next": "/api/tickets?after=25"}} with a relative next URL, null on the last page.
 */
final class TicketsEndpoint implements DemoEndpoint {
  static final int DEFAULT_LIMIT = 25;

  private final List<Ticket> tickets;

  TicketsEndpoint(List<Ticket> tickets) {
    this.tickets = List.copyOf(tickets);
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    int after = request.intParam("after", 0, 0, Integer.MAX_VALUE);
    int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_PAGE_SIZE);
    // Ticket ids are 1..n in order, so the tickets after id N start at index N.
    List<Ticket> rows = DemoEndpoint.slice(tickets, after, limit);
    String next = null;
    if (!rows.isEmpty() && after + rows.size() < tickets.size()) {
      next = "/api/tickets?after=" + rows.get(rows.size() - 1).id();
      if (request.param("limit").isPresent()) {
        next += "&limit=" + limit;
      }
    }
    return DemoResponse.json(new Page(rows, next));
  }

  record Page(List<Ticket> results, String next) {}
}
