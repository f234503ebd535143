package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: OAuth2 tokens fetched once, shared, renewed on expiry and on 401; header auth. */
class FeedOAuthTest {
  private static final String SECRET = "s3cret-client-value";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private MovableTicker ticker;
  private final AtomicInteger issued = new AtomicInteger();
  private final Set<String> valid = ConcurrentHashMap.newKeySet();
  private volatile long expiresIn = 3600;

  @BeforeEach
  void start() {
    ticker = MovableTicker.install();
    api.route(
        "/token",
        r -> {
          String token = "tok-" + issued.incrementAndGet();
          valid.add(token);
          return Reply.json(
              "{\"access_token\":\""
                  + token
                  + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                  + expiresIn
                  + "}");
        });
    api.route(
        "/items",
        r -> {
          String auth = r.header("Authorization");
          if (auth == null || !valid.contains(auth.replace("Bearer ", ""))) {
            return Reply.status(401, "{\"error\":\"invalid token\"}");
          }
          return Reply.json("{\"data\":[{\"id\":1},{\"id\":2}]}");
        });
  }

  @AfterEach
  void stop() {
    ticker.close();
  }

  private void catalog(String scopes) throws Exception {
    feeds.start(
        "schemas:\n  - name: t\n    tables:\n      - name: items\n        url: URL/items\n"
            + "        records: {pointer: /data}\n        columns: [{name: id, type: BIGINT}]\n"
            + "        auth: {type: oauth2, token_url: URL/token, client_id: arrowtap,"
            + " client_secret: "
            + SECRET
            + scopes
            + "}\n");
  }

  private long count() throws SQLException {
    try (Connection c = feeds.connect()) {
      return ((Number) FeedFixture.rows(c, "SELECT count(*) FROM t.items").get(0).get(0))
          .longValue();
    }
  }

  @Test
  void aTokenIsFetchedOnceAndSharedByQueries() throws Exception {
    catalog(", scopes: [read, list]");
    for (int i = 0; i < 3; i++) {
      assertEquals(2, count());
    }
    assertEquals(1, api.count("/token"));
    FeedTestServer.Request token = api.requests("/token").get(0);
    assertEquals("POST", token.method());
    assertTrue(token.body().contains("grant_type=client_credentials"), token.body());
    assertTrue(token.body().contains("scope=read+list"), token.body());
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("arrowtap:" + SECRET).getBytes(StandardCharsets.UTF_8)),
        token.header("Authorization"));
    assertEquals("Bearer tok-1", api.requests("/items").get(0).header("Authorization"));
  }

  @Test
  void aTokenIsRenewedBeforeItExpiresAndWhenTheApiRefusesIt() throws Exception {
    expiresIn = 1;
    catalog("");
    assertEquals(2, count());
    ticker.advance(Duration.ofMillis(950)); // past the renewal margin (a tenth of 1 s)
    assertEquals(2, count());
    assertEquals(2, api.count("/token"), "renewed before it expired");
    expiresIn = 3600;
    assertEquals(2, count()); // tok-3, good for an hour
    int before = api.count("/token") > 0 ? (int) api.count("/token") : 0;
    valid.clear(); // the API revokes every token
    assertEquals(2, count());
    assertEquals(before + 1, api.count("/token"), "one new token after the 401");
  }

  @Test
  void noTokenOrSecretAppearsInAnError() throws Exception {
    catalog("");
    api.route("/items", r -> Reply.status(500, "{\"error\":\"boom\"}"));
    SQLException e = assertThrows(SQLException.class, this::count);
    String text = e.getMessage() + (e.getCause() == null ? "" : e.getCause().getMessage());
    assertFalse(text.contains(SECRET), text);
    assertFalse(text.contains("tok-"), text);
  }

  @Test
  void theRefreshTokenGrantSendsTheRefreshToken() throws Exception {
    catalog(", refresh_token: r1-refresh-token");
    assertEquals(2, count());
    String body = api.requests("/token").get(0).body();
    assertTrue(body.contains("grant_type=refresh_token&refresh_token=r1-refresh-token"), body);
  }

  @Test
  void aTokenInACustomHeaderWithAPrefix() throws Exception {
    api.route(
        "/plain",
        r ->
            "Token abc123".equals(r.header("X-Api-Token"))
                ? Reply.json("{\"data\":[{\"id\":1}]}")
                : Reply.status(401, "{}"));
    feeds.start(
        "schemas:\n  - name: t\n    tables:\n      - name: plain\n        url: URL/plain\n"
            + "        records: {pointer: /data}\n        columns: [{name: id, type: BIGINT}]\n"
            + "        auth: {type: header, name: X-Api-Token, prefix: 'Token ', value: abc123}\n");
    try (Connection c = feeds.connect()) {
      assertEquals(1, FeedFixture.rows(c, "SELECT id FROM t.plain").size());
    }
  }
}
