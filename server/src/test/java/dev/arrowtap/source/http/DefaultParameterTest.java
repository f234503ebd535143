package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.CatalogException;
import dev.arrowtap.catalog.CatalogLoader;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7: a parameter's default applies only when the query gives no value, and an optional
 * parameter is sent only when the query gives one.
 */
class DefaultParameterTest {
  private static final String CATALOG =
      "schemas:\n  - name: jp\n    tables:\n"
          + "      - name: posts\n        url: URL/posts\n"
          + "        parameters:\n          - {name: userId, type: BIGINT, default: 7}\n"
          + "      - name: feed\n        url: URL/posts\n"
          + "        parameters:\n          - {name: userId, type: BIGINT, optional: true}\n"
          + "        columns: [{name: id, type: BIGINT}, {name: title, type: VARCHAR}]\n";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    api.route(
        "/posts",
        r -> {
          String user = r.param("userId");
          List<String> items = new ArrayList<>();
          for (int i = 1; i <= 2; i++) {
            String owner = user == null ? Integer.toString(i) : user;
            items.add("{\"userId\":" + owner + ",\"id\":" + i + ",\"title\":\"u" + owner + "\"}");
          }
          return Reply.json("[" + String.join(",", items) + "]");
        });
    feeds.start(CATALOG);
    connection = feeds.connect();
  }

  private List<String> rows(String sql) throws SQLException {
    return FeedFixture.lines(connection, sql);
  }

  private List<String> sentUsers() {
    return api.requests("/posts").stream().map(r -> r.param("userId")).toList();
  }

  @Test
  void whereOverridesTheDefault() throws Exception {
    assertEquals(
        List.of("8|1|u8", "8|2|u8"),
        rows("SELECT userId, id, title FROM jp.posts WHERE userId = 8 ORDER BY id"));
    // Inference may read the default's page first; the scan itself asks for user 8 only.
    assertEquals("8", sentUsers().get(sentUsers().size() - 1));
    assertEquals(1, java.util.Collections.frequency(sentUsers(), "8"), sentUsers().toString());
  }

  @Test
  void inListOverridesTheDefault() throws Exception {
    assertEquals(
        List.of("8|u8", "9|u9"),
        rows("SELECT DISTINCT userId, title FROM jp.posts WHERE userId IN (8, 9) ORDER BY 1"));
    assertFalse(sentUsers().subList(1, sentUsers().size()).contains("7"), sentUsers().toString());
  }

  @Test
  void defaultAppliesWithoutAValue() throws Exception {
    assertEquals(List.of("7|1|u7", "7|2|u7"), rows("SELECT * FROM jp.posts ORDER BY id"));
    assertTrue(sentUsers().stream().allMatch("7"::equals), sentUsers().toString());
  }

  @Test
  void optionalParameterIsSentOnlyWhenBound() throws Exception {
    assertEquals(List.of("null|1|u1", "null|2|u2"), rows("SELECT * FROM jp.feed ORDER BY id"));
    assertEquals(List.of("/posts"), api.requests("/posts").stream().map(r -> r.path()).toList());
    assertFalse(api.requests("/posts").get(0).query().containsKey("userId"));
    assertEquals(List.of("3|1|u3"), rows("SELECT * FROM jp.feed WHERE userId = 3 AND id = 1"));
    assertEquals("3", api.requests("/posts").get(1).param("userId"));
  }

  @Test
  void optionalParameterMustBeAQueryParameterWithoutDefault() throws Exception {
    Path bad = feeds.dir().resolve("bad.yaml");
    Files.writeString(
        bad,
        "schemas:\n  - name: s\n    tables:\n      - name: t\n        url: http://h/{id}\n"
            + "        parameters:\n          - {name: id, optional: true}\n"
            + "        columns: [{name: a, type: BIGINT}]\n");
    CatalogException path = assertThrows(CatalogException.class, () -> CatalogLoader.load(bad));
    assertTrue(
        path.getMessage().contains("a path parameter cannot be optional"), path.getMessage());
    Files.writeString(
        bad,
        "schemas:\n  - name: s\n    tables:\n      - name: t\n        url: http://h/x\n"
            + "        parameters:\n          - {name: id, optional: true, default: x}\n"
            + "        columns: [{name: a, type: BIGINT}]\n");
    CatalogException fallback = assertThrows(CatalogException.class, () -> CatalogLoader.load(bad));
    assertTrue(
        fallback.getMessage().contains("an optional parameter has no default"),
        fallback.getMessage());
  }
}
