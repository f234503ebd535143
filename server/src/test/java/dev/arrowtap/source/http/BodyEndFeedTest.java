package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.server.meta.MetaErrors;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 7: content after a body's JSON value, and invalid UTF-8, end the query with an error. */
class BodyEndFeedTest {
  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    connection =
        feeds.connectTables(
            "      - name: users\n        url: URL/users\n"
                + "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n");
  }

  private long count() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t.users")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private ArrowtapException failure() {
    SQLException thrown = assertThrows(SQLException.class, this::count);
    return MetaErrors.userError(thrown).orElseThrow();
  }

  @Test
  void secondConcatenatedArrayIsAnErrorNamingItsOffset() {
    String body = "[{\"id\":1},{\"id\":2}][{\"id\":3}]";
    api.route("/users", r -> Reply.json(body));
    ArrowtapException error = failure();
    assertEquals("22P02", error.sqlState());
    assertTrue(
        error
            .getMessage()
            .contains(
                "feed t.users, page 1, GET "
                    + api.url("/users")
                    + ": after record 2, byte "
                    + (body.indexOf("][") + 1)
                    + ": trailing content after the body's JSON value: an array"),
        error.getMessage());
  }

  @Test
  void ndjsonStreamIsReadToTheEnd() throws Exception {
    api.route("/users", r -> Reply.ndjson("{\"id\":1}\n{\"id\":2}\n{\"id\":3}"));
    assertEquals(3, count());
  }

  @Test
  void invalidUtf8IsAnError() {
    byte[] body = "[{\"id\":1,\"name\":\"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1);
    api.route(
        "/users",
        r -> new Reply(200, Map.of("Content-Type", "application/json"), body, false, false));
    ArrowtapException error = failure();
    assertEquals("22P02", error.sqlState());
    assertTrue(
        error.getMessage().matches("(?s).*: record 1, byte \\d+: invalid UTF-8: .*"),
        error.getMessage());
  }
}
