package dev.arrowtap.tck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Three small APIs in the style of well-known public ones, with their OpenAPI descriptions, on a
 * real HTTP server on loopback: a GitHub-like one (path owner, page/per_page with Link headers,
 * bearer token), a Stripe-like one (search with a next_page cursor and has_more, basic auth) and a
 * Petstore-like one (offset/limit with a total, an API key header). Shared by the suite.
 */
final class SpecApis {
  static final SpecApis INSTANCE = new SpecApis();

  private static final List<Map<String, Object>> ISSUES =
      List.of(
          issue(1, "Crash on start", "open", "ann", List.of("bug"), "2024-01-02T10:00:00Z"),
          issue(2, "Add dark mode", "open", "bob", List.of(), "2024-01-05T10:00:00Z"),
          issue(3, "Typo in docs", "closed", "ann", List.of("docs"), "2024-01-06T10:00:00Z"),
          issue(4, "Slow query", "open", "cy", List.of("bug", "perf"), "2024-01-09T10:00:00Z"),
          issue(5, "Old request", "closed", "bob", List.of(), "2024-01-10T10:00:00Z"));

  private static final List<Map<String, Object>> CUSTOMERS =
      List.of(
          customer("cus_1", "a@example.com", "Berlin", 1704067200),
          customer("cus_2", null, "Paris", 1704153600),
          customer("cus_3", "c@example.com", null, 1704240000),
          customer("cus_4", "d@example.com", "Berlin", 1704326400),
          customer("cus_5", "e@example.com", "Rome", 1704412800));

  private static final List<Map<String, Object>> PETS =
      List.of(
          pet(1, "Rex", "dogs", "available", 12.5, "2020-04-01"),
          pet(2, "Tom", "cats", "sold", 4.0, "2019-02-03"),
          pet(3, "Kiki", "birds", "available", 0.25, "2022-11-30"),
          pet(4, "Bella", "dogs", "pending", 20.0, "2018-07-15"),
          pet(5, "Nemo", "fish", "sold", 0.1, "2023-05-05"));

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();

  private SpecApis() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    requests.add(
        path
            + (exchange.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequestURI().getRawQuery()));
    try {
      if (path.endsWith("/openapi.yaml") || path.endsWith("/openapi.json")) {
        String name =
            path.startsWith("/gh/")
                ? "ghlike.yaml"
                : path.startsWith("/stripe/")
                    ? "stripelike.json"
                    : path.startsWith("/pets/")
                        ? "petstore.yaml"
                        : path.substring(1).replace("/openapi", "");
        spec(exchange, name);
      } else if (path.startsWith("/gh/")) {
        github(exchange, path.substring(3), query);
      } else if (path.startsWith("/stripe/")) {
        stripe(exchange, path.substring(7), query);
      } else if (path.startsWith("/pets/v1/")) {
        pets(exchange, path.substring(8), query);
      } else {
        send(exchange, 404, "{\"message\":\"no such path\"}", Map.of());
      }
    } catch (RuntimeException e) {
      send(exchange, 500, "{\"message\":\"" + e + "\"}", Map.of());
    }
  }

  private void spec(HttpExchange exchange, String name) throws IOException {
    try (InputStream in = SpecApis.class.getResourceAsStream("/openapi/" + name)) {
      if (in == null) {
        send(exchange, 404, "{}", Map.of());
        return;
      }
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("PORT", String.valueOf(server.getAddress().getPort()));
      send(
          exchange,
          200,
          text,
          Map.of("Content-Type", name.endsWith(".json") ? "application/json" : "application/yaml"));
    }
  }

  private void github(HttpExchange exchange, String path, Map<String, String> query)
      throws IOException {
    if (!"Bearer gh-test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"message\":\"Bad credentials\"}", Map.of());
      return;
    }
    String[] parts = path.split("/", -1); // /repos/{owner}/issues[/{n}]
    List<Map<String, Object>> owned =
        parts[2].equals("acme") ? ISSUES : List.<Map<String, Object>>of();
    if (parts.length == 5) {
      int number = Integer.parseInt(parts[4]);
      for (Map<String, Object> issue : owned) {
        if (issue.get("number").equals(number)) {
          send(exchange, 200, json(issue), Map.of());
          return;
        }
      }
      send(exchange, 404, "{\"message\":\"Not Found\"}", Map.of());
      return;
    }
    String state = query.getOrDefault("state", "open");
    String since = query.get("since");
    List<Map<String, Object>> matching =
        filter(
            owned,
            issue ->
                (state.equals("all") || issue.get("state").equals(state))
                    && (since == null || ((String) issue.get("updated_at")).compareTo(since) >= 0));
    int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    int from = Math.min(matching.size(), (page - 1) * perPage);
    int to = Math.min(matching.size(), from + perPage);
    Map<String, String> headers = new LinkedHashMap<>();
    if (to < matching.size()) {
      String base =
          url("/gh" + path)
              + "?state="
              + state
              + "&per_page="
              + perPage
              + (since == null ? "" : "&since=" + since);
      headers.put("Link", "<" + base + "&page=" + (page + 1) + ">; rel=\"next\"");
    }
    send(exchange, 200, json(matching.subList(from, to)), headers);
  }

  private void stripe(HttpExchange exchange, String path, Map<String, String> query)
      throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("sk_test_key:unused".getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"error\":{\"message\":\"Invalid API Key\"}}", Map.of());
      return;
    }
    if (path.startsWith("/v1/customers/search")) {
      String q = query.get("query");
      if (q == null) {
        send(exchange, 400, "{\"error\":{\"message\":\"query is required\"}}", Map.of());
        return;
      }
      List<Map<String, Object>> matching =
          filter(CUSTOMERS, c -> q.equals("all") || q.equals(city(c)));
      int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
      int from = query.containsKey("page") ? Integer.parseInt(query.get("page").substring(4)) : 0;
      int to = Math.min(matching.size(), from + limit);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("object", "search_result");
      body.put("data", matching.subList(from, to));
      body.put("has_more", to < matching.size());
      body.put("next_page", to < matching.size() ? "page" + to : null);
      body.put("url", "/v1/customers/search");
      send(exchange, 200, json(body), Map.of());
      return;
    }
    String id = path.substring("/v1/customers/".length());
    for (Map<String, Object> customer : CUSTOMERS) {
      if (customer.get("id").equals(id)) {
        send(exchange, 200, json(customer), Map.of());
        return;
      }
    }
    send(exchange, 404, "{\"error\":{\"message\":\"No such customer\"}}", Map.of());
  }

  private void pets(HttpExchange exchange, String path, Map<String, String> query)
      throws IOException {
    if (!"pet-key".equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
      send(exchange, 401, "{\"message\":\"no key\"}", Map.of());
      return;
    }
    if (path.equals("/pets")) {
      String status = query.get("status");
      List<Map<String, Object>> matching =
          filter(PETS, pet -> status == null || pet.get("status").equals(status));
      int limit = Integer.parseInt(query.getOrDefault("limit", "2"));
      int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
      int from = Math.min(matching.size(), offset);
      int to = Math.min(matching.size(), from + Math.min(limit, 2));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("items", matching.subList(from, to));
      body.put("total", matching.size());
      send(exchange, 200, json(body), Map.of());
      return;
    }
    long id = Long.parseLong(path.substring("/pets/".length()));
    for (Map<String, Object> pet : PETS) {
      if (pet.get("id").equals(id)) {
        send(exchange, 200, json(pet), Map.of());
        return;
      }
    }
    send(exchange, 404, "{\"message\":\"no such pet\"}", Map.of());
  }

  private static String city(Map<String, Object> customer) {
    @SuppressWarnings("unchecked")
    Map<String, Object> address = (Map<String, Object>) customer.get("address");
    return (String) address.get("city");
  }

  private static List<Map<String, Object>> filter(
      List<Map<String, Object>> rows, Predicate<Map<String, Object>> keep) {
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (keep.test(row)) {
        kept.add(row);
      }
    }
    return kept;
  }

  private static Map<String, Object> issue(
      int number, String title, String state, String login, List<String> labels, String updated) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("id", 1000L + number);
    issue.put("number", number);
    issue.put("title", title);
    issue.put("state", state);
    issue.put("user", Map.of("login", login, "id", login.length()));
    List<Map<String, Object>> labelObjects = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      labelObjects.add(Map.of("id", 10 + i, "name", labels.get(i)));
    }
    issue.put("labels", labelObjects);
    issue.put("assignees", List.of(login));
    issue.put("created_at", "2024-01-01T09:00:00Z");
    issue.put("updated_at", updated);
    issue.put("closed_on", state.equals("closed") ? "2024-01-10" : null);
    return issue;
  }

  private static Map<String, Object> customer(String id, String email, String city, long created) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("id", id);
    customer.put("object", "customer");
    customer.put("created", created);
    customer.put("email", email);
    customer.put("balance", 0);
    customer.put("delinquent", false);
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", city);
    address.put("country", city == null ? null : "EU");
    customer.put("address", address);
    customer.put("metadata", Map.of("tier", id.equals("cus_1") ? "gold" : "basic"));
    return customer;
  }

  private static Map<String, Object> pet(
      long id, String name, String category, String status, double weight, String born) {
    Map<String, Object> pet = new LinkedHashMap<>();
    pet.put("id", id);
    pet.put("name", name);
    pet.put("category", Map.of("id", (long) category.length(), "name", category));
    pet.put("status", status);
    pet.put("photoUrls", List.of("https://example.com/" + name + ".png"));
    pet.put("weight", weight);
    pet.put("born", born);
    return pet;
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(key, value);
    }
    return query;
  }

  private static void send(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
