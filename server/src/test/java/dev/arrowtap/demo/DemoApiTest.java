package dev.arrowtap.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Walks every endpoint of the demo API the way its catalog's pagination style says to. */
class DemoApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  private static DemoApi api;

  @BeforeAll
  static void start() {
    api = DemoApi.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void listensOnLoopbackAtAFreePort() {
    assertTrue(api.port() > 0);
    assertEquals("http://127.0.0.1:" + api.port(), api.baseUrl());
  }

  @Test
  void offsetPaginationReadsEveryUserOnce() throws Exception {
    List<Long> ids = new ArrayList<>();
    int pages = 0;
    for (int offset = 0; ; offset += 100) {
      JsonNode body = getJson("/api/users?offset=" + offset + "&limit=100");
      pages++;
      assertEquals(250, body.get("total").asInt());
      body.get("data").forEach(user -> ids.add(user.get("id").asLong()));
      if (body.get("data").size() < 100) {
        break;
      }
    }
    assertEquals(3, pages);
    assertEquals(LongStream.rangeClosed(1, 250).boxed().toList(), ids);
  }

  @Test
  void usersHaveTheDocumentedFields() throws Exception {
    JsonNode user = getJson("/api/users?limit=1").get("data").get(0);
    assertEquals(
        List.of(
            "id", "name", "email", "signup_at", "active", "score", "address", "tags", "country"),
        fieldNames(user));
    assertTrue(user.get("id").isIntegralNumber());
    assertTrue(
        user.get("signup_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertTrue(user.get("active").isBoolean());
    assertTrue(user.get("score").isFloatingPointNumber());
    assertEquals(List.of("city", "zip"), fieldNames(user.get("address")));
    assertTrue(user.get("tags").isArray());
    assertTrue(user.get("country").asText().matches("[A-Z]{2}"));
  }

  @Test
  void offsetDefaultsToAPageOfOneHundred() throws Exception {
    assertEquals(100, getJson("/api/users").get("data").size());
    assertEquals(0, getJson("/api/users?offset=250").get("data").size());
  }

  @Test
  void cursorPaginationReadsEveryOrderOnce() throws Exception {
    List<Long> ids = new ArrayList<>();
    Set<Long> buyers = new LinkedHashSet<>();
    int pages = 0;
    String cursor = null;
    do {
      String query = cursor == null ? "" : "&cursor=" + cursor;
      JsonNode body = getJson("/api/orders?limit=100" + query);
      pages++;
      for (JsonNode order : body.get("orders")) {
        ids.add(order.get("id").asLong());
        buyers.add(order.get("user_id").asLong());
        assertTrue(order.get("created_at").asText().endsWith("Z"));
      }
      assertTrue(body.has("next_cursor"), "next_cursor is always present, null at the end");
      cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
    } while (cursor != null);
    assertEquals(10, pages);
    assertEquals(LongStream.rangeClosed(1, 1000).boxed().toList(), ids);
    assertEquals(250, buyers.size(), "every user has an order");
  }

  @Test
  void orderFieldsAndDefaultPageSize() throws Exception {
    JsonNode body = getJson("/api/orders");
    assertEquals(100, body.get("orders").size());
    JsonNode order = body.get("orders").get(0);
    assertEquals(
        List.of("id", "user_id", "amount", "currency", "status", "created_at"), fieldNames(order));
    assertTrue(order.get("amount").isFloatingPointNumber());
  }

  @Test
  void linkHeaderPaginationReadsEveryEventOnce() throws Exception {
    List<Long> ids = new ArrayList<>();
    int pages = 0;
    URI next = URI.create(api.baseUrl() + "/api/events");
    while (next != null) {
      Fetched page = get(next);
      pages++;
      assertEquals(200, page.status());
      assertTrue(page.header("Content-Type").orElseThrow().startsWith("application/x-ndjson"));
      for (String line : page.body().lines().toList()) {
        JsonNode event = JSON.readTree(line);
        assertEquals(List.of("id", "user_id", "type", "at", "payload"), fieldNames(event));
        ids.add(event.get("id").asLong());
      }
      Optional<String> link = page.header("Link");
      if (link.isPresent()) {
        Matcher matcher = NEXT_LINK.matcher(link.get());
        assertTrue(matcher.find(), link.get());
        assertTrue(matcher.group(1).startsWith(api.baseUrl() + "/"), "absolute link");
        next = next.resolve(matcher.group(1));
      } else {
        next = null;
      }
    }
    assertEquals(5, pages);
    assertEquals(LongStream.rangeClosed(1, 500).boxed().toList(), ids);
    assertEquals("", get("/api/events?page=6").body(), "a page past the end is empty");
  }

  @Test
  void pageNumberPaginationReadsEveryProductOnce() throws Exception {
    List<String> skus = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode items = getJson("/api/products?page=" + page + "&per_page=50").get("items");
      sizes.add(items.size());
      items.forEach(product -> skus.add(product.get("sku").asText()));
      if (items.size() < 50) {
        break;
      }
    }
    assertEquals(List.of(50, 50, 20), sizes);
    assertEquals(120, new LinkedHashSet<>(skus).size());
    assertEquals("SKU-0001", skus.get(0));
    assertEquals("SKU-0120", skus.get(119));
    JsonNode product = getJson("/api/products?per_page=1").get("items").get(0);
    assertEquals(List.of("sku", "name", "price", "in_stock", "released"), fieldNames(product));
    assertTrue(product.get("released").asText().matches("\\d{4}-\\d\\d-\\d\\d"));
    assertEquals(0, getJson("/api/products?page=4&per_page=40").get("items").size());
  }

  @Test
  void nextUrlPaginationFollowsRelativeUrls() throws Exception {
    List<Long> ids = new ArrayList<>();
    List<String> nexts = new ArrayList<>();
    URI next = URI.create(api.baseUrl() + "/api/tickets");
    while (next != null) {
      JsonNode body = JSON.readTree(get(next).body());
      body.get("results").forEach(ticket -> ids.add(ticket.get("id").asLong()));
      JsonNode link = body.get("next");
      nexts.add(link.isNull() ? null : link.asText());
      next = link.isNull() ? null : next.resolve(link.asText());
    }
    assertEquals(Arrays.asList("/api/tickets?after=25", "/api/tickets?after=50", null), nexts);
    assertEquals(LongStream.rangeClosed(1, 75).boxed().toList(), ids);
    JsonNode ticket = getJson("/api/tickets").get("results").get(0);
    assertEquals(List.of("id", "user_id", "subject", "priority", "opened_at"), fieldNames(ticket));
  }

  @Test
  void nextUrlKeepsAnExplicitLimit() throws Exception {
    assertEquals(
        "/api/tickets?after=40&limit=40", getJson("/api/tickets?limit=40").get("next").asText());
    assertTrue(getJson("/api/tickets?after=40&limit=40").get("next").isNull());
  }

  @Test
  void statusIsASingleObject() throws Exception {
    JsonNode status = getJson("/api/status");
    assertTrue(status.isObject());
    assertEquals("ok", status.get("status").asText());
    assertEquals(1000, status.get("counts").get("orders").asInt());
  }

  @Test
  void secureUsersWantTheBearerToken() throws Exception {
    Fetched missing = get("/api/secure/users");
    assertEquals(401, missing.status());
    assertEquals("unauthorized", JSON.readTree(missing.body()).get("error").asText());
    assertTrue(missing.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    assertEquals(401, get("/api/secure/users", "Authorization", "Bearer wrong").status());
    assertEquals(401, get("/api/secure/users", "Authorization", "Basic ZGVtbzpkZW1v").status());

    Fetched ok = get("/api/secure/users?limit=7", "Authorization", "Bearer " + DemoApi.TOKEN);
    assertEquals(200, ok.status());
    assertEquals(get("/api/users?limit=7").body(), ok.body());
  }

  @Test
  void everyRunServesTheSameBytes() throws Exception {
    List<String> paths =
        List.of(
            "/api/users?offset=200",
            "/api/orders?cursor=" + OrdersEndpoint.encode(900),
            "/api/events?page=3",
            "/api/products?page=2",
            "/api/tickets?after=50",
            "/api/status");
    try (DemoApi other = DemoApi.start("127.0.0.1", 0)) {
      for (String path : paths) {
        String mine = get(path).body();
        String theirs = get(URI.create(other.baseUrl() + path)).body();
        assertFalse(mine.isEmpty(), path);
        assertEquals(mine, theirs, path);
      }
    }
  }

  @Test
  void badParametersAreRefusedWithAJsonError() throws Exception {
    for (String path :
        List.of(
            "/api/users?limit=abc",
            "/api/users?offset=-1",
            "/api/users?limit=0",
            "/api/users?limit=100000",
            "/api/orders?cursor=not-a-cursor",
            "/api/orders?limit=1.5",
            "/api/events?page=0",
            "/api/products?per_page=x",
            "/api/tickets?after=%E2%82%AC")) {
      Fetched answer = get(path);
      assertEquals(400, answer.status(), path);
      JsonNode error = JSON.readTree(answer.body());
      assertEquals("bad_request", error.get("error").asText(), path);
      assertFalse(error.get("message").asText().isEmpty(), path);
    }
    assertTrue(
        JSON.readTree(get("/api/users?limit=abc").body())
            .get("message")
            .asText()
            .contains("'limit'"));
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    assertEquals(404, get("/api/nope").status());
    assertEquals(404, get("/api/users/1").status());
    HttpResponse<String> post =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/users"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void gzipWhenTheClientAcceptsIt() throws Exception {
    HttpResponse<byte[]> zipped =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/orders"))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
    assertEquals(get("/api/orders").body(), gunzip(zipped.body()));
    assertTrue(get("/api/orders").header("Content-Encoding").isEmpty());
  }

  @Test
  void countsRequests() throws Exception {
    try (DemoApi counted = DemoApi.start("127.0.0.1", 0)) {
      assertEquals(0, counted.requestCount());
      get(URI.create(counted.baseUrl() + "/api/status"));
      get(URI.create(counted.baseUrl() + "/api/nope"));
      assertEquals(2, counted.requestCount());
    }
  }

  private static JsonNode getJson(String path) throws Exception {
    Fetched answer = get(path);
    assertEquals(200, answer.status(), () -> path + ": " + answer.body());
    assertTrue(answer.header("Content-Type").orElseThrow().startsWith("application/json"));
    return JSON.readTree(answer.body());
  }

  private static Fetched get(String path, String... headers) throws Exception {
    return get(URI.create(api.baseUrl() + path), headers);
  }

  private static Fetched get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Fetched(response.statusCode(), response);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Fetched(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }
  }
}
