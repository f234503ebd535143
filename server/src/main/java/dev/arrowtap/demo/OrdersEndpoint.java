package dev.arrowtap.demo;

import dev.arrowtap.demo.DemoRecords.Order;
import dev.arrowtap.demo.DemoRequest.BadParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /api/orders?cursor=&limit=}: cursor pagination, answering {@code {"orders": [...],
 * "next_cursor": "..."}} with a null cursor on the last page.
 */
final class OrdersEndpoint implements DemoEndpoint {
  static final int DEFAULT_LIMIT = 100;
  // The cursor is opaque to clients, as real APIs make theirs: base64 of a prefix and a position.
  private static final String PREFIX = "orders:";

  private final List<Order> orders;

  OrdersEndpoint(List<Order> orders) {
    this.orders = List.copyOf(orders);
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_PAGE_SIZE);
    int from = request.param("cursor").map(OrdersEndpoint::decode).orElse(0);
    int next = from + limit;
    String nextCursor = next < orders.size() ? encode(next) : null;
    return DemoResponse.json(new Page(DemoEndpoint.slice(orders, from, limit), nextCursor));
  }

  static String encode(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        int position = Integer.parseInt(text.substring(PREFIX.length()));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // Not base64, or no number inside: the same answer as any other foreign cursor.
    }
    throw new BadParameterException(
        "query parameter 'cursor' is not a cursor this API gave out: '" + cursor + "'");
  }

  record Page(List<Order> orders, String nextCursor) {}
}
