package dev.arrowtap.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which endpoint answers which path; paths match exactly, so {@code /api/users/x} is a 404. */
final class DemoRoutes {
  /** The token {@code /api/secure/users} wants, as {@code Authorization: Bearer demo-token}. */
  static final String TOKEN = "demo-token";

  private final Map<String, DemoEndpoint> endpoints;

  private DemoRoutes(Map<String, DemoEndpoint> endpoints) {
    this.endpoints = Map.copyOf(endpoints);
  }

  static DemoRoutes of(DemoData data) {
    Map<String, DemoEndpoint> endpoints = new LinkedHashMap<>();
    UsersEndpoint users = new UsersEndpoint(data.users());
    endpoints.put("/api/users", users);
    endpoints.put("/api/orders", new OrdersEndpoint(data.orders()));
    endpoints.put("/api/events", new EventsEndpoint(data.events()));
    endpoints.put("/api/products", new ProductsEndpoint(data.products()));
    endpoints.put("/api/tickets", new TicketsEndpoint(data.tickets()));
    endpoints.put("/api/status", new StatusEndpoint(data));
    endpoints.put("/api/secure/users", new BearerAuthEndpoint(TOKEN, users));
    endpoints.put("/api/accounts", AccountEndpoints.listing());
    endpoints.put("/api/accounts/by_id", AccountEndpoints.byId());
    endpoints.put("/api/logs", AccountEndpoints.logs());
    endpoints.put("/api/resources", AccountEndpoints.resources());
    endpoints.put("/api/statuses", AccountEndpoints.statuses());
    return new DemoRoutes(endpoints);
  }

  Optional<DemoEndpoint> find(String path) {
    return Optional.ofNullable(endpoints.get(path));
  }
}
