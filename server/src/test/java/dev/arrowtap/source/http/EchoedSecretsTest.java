package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API that echoes the credentials it refused into its 401 or 403 body: the Basic {@code
 * Authorization} value, an OAuth 2 access token (known only once fetched), an API key in the query
 * or a header. None of them reaches the error's message, any of its causes, its stack trace text, a
 * log line, {@code sys.queries} or {@code sys.task_metrics}.
 */
class EchoedSecretsTest {
  private static final String COLUMNS =
      "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private final List<String> logged = new ArrayList<>();
  private final Logger log = Logger.getLogger("dev.arrowtap");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringWriter text = new StringWriter();
          text.append(String.valueOf(record.getMessage()));
          if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
          }
          synchronized (logged) {
            logged.add(text.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    capture.setLevel(Level.ALL);
    log.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    log.removeHandler(capture);
  }

  /** Every header and parameter of the request, as a careless API repeats them. */
  private static Reply echo(int status, FeedTestServer.Request r) {
    return Reply.status(
        status,
        "{\"error\":\"refused\",\"authorization\":\""
            + r.header("Authorization")
            + "\",\"x-api-key\":\""
            + r.header("X-Api-Key")
            + "\",\"query\":\""
            + r.query()
            + "\"}");
  }

  @Test
  void basicAuthorizationValueIsMasked() throws Exception {
    String password = "pw-" + UUID.randomUUID();
    String header =
        Base64.getEncoder()
            .encodeToString(("reporter:" + password).getBytes(StandardCharsets.UTF_8));
    api.route("/users", r -> echo(401, r));
    assertNothingShows(
        "        auth: {type: basic, username: reporter, password: '" + password + "'}\n",
        Set.of(password, header));
    assertTrue(
        api.requests("/users").get(0).header("Authorization").equals("Basic " + header),
        "the request did carry the credentials");
  }

  @Test
  void oauthAccessTokenLearntAtRunTimeIsMasked() throws Exception {
    String accessToken = "at-" + UUID.randomUUID();
    String clientSecret = "cs-" + UUID.randomUUID();
    api.route(
        "/token",
        r -> Reply.json("{\"access_token\":\"" + accessToken + "\",\"expires_in\":3600}"));
    api.route("/users", r -> echo(403, r));
    assertNothingShows(
        "        auth: {type: oauth2, token_url: 'URL/token', client_id: reporting,"
            + " client_secret: '"
            + clientSecret
            + "'}\n",
        Set.of(accessToken, clientSecret));
    assertTrue(
        api.requests("/users").get(0).header("Authorization").equals("Bearer " + accessToken));
  }

  @Test
  void apiKeyInTheQueryIsMaskedWhenEchoed() throws Exception {
    String key = "key-" + UUID.randomUUID();
    api.route("/users", r -> echo(403, r));
    assertNothingShows(
        "        auth: {type: api_key, name: api_key, value: '" + key + "', in: query}\n",
        Set.of(key));
  }

  @Test
  void apiKeyInAHeaderIsMaskedWhenEchoed() throws Exception {
    String key = "key-" + UUID.randomUUID();
    api.route("/users", r -> echo(403, r));
    assertNothingShows(
        "        auth: {type: api_key, name: X-Api-Key, value: '" + key + "', in: header}\n",
        Set.of(key));
  }

  private void assertNothingShows(String auth, Set<String> secrets) throws Exception {
    try (Connection c =
        feeds.connectTables("      - name: users\n        url: URL/users\n" + COLUMNS + auth)) {
      SQLException error =
          assertThrows(SQLException.class, () -> FeedFixture.rows(c, "SELECT * FROM t.users"));
      assertTrue(error.getMessage().contains("***"), error.getMessage());
      List<String> shown = new ArrayList<>();
      for (Throwable t = error; t != null; t = t.getCause()) {
        shown.add(String.valueOf(t.getMessage()));
        shown.add(t.toString());
      }
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      shown.add(trace.toString());
      shown.addAll(column(c, "SELECT error FROM sys.queries"));
      shown.addAll(column(c, "SELECT error FROM sys.task_metrics"));
      synchronized (logged) {
        shown.addAll(logged);
      }
      assertTrue(trace.toString().contains("refused"), "the answer is quoted, masked: " + trace);
      for (String text : shown) {
        for (String secret : secrets) {
          assertFalse(text.contains(secret), secret + " shows in: " + text);
        }
      }
    }
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(String.valueOf(rs.getString(1)));
      }
    }
    return values;
  }
}
