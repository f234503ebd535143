package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: with a login, a user sees only their own queries in sys.queries, sys.task_metrics and
 * the timeline; a user with the role arrowtap-admin sees everyone's.
 */
class QueryVisibilityTest {
  @TempDir Path dir;

  @Test
  void usersSeeTheirOwnQueriesAndAdminsSeeAll() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(
        users, "ann: ann-pw, arrowtap\ncarl: carl-pw, arrowtap\nroot: root-pw, arrowtap-admin\n");
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.of(users))) {
      String url = "jdbc:arrowtap:url=" + server.url();
      String marker = "secret_plan_" + System.nanoTime();
      long annQuery;
      try (Connection ann = DriverManager.getConnection(url, login("ann", "ann-pw"));
          Statement s = ann.createStatement()) {
        try (ResultSet rs =
            s.executeQuery("SELECT count(*) AS " + marker + " FROM numbers(0, 10)")) {
          rs.next();
        }
        List<Long> own = queryIds(ann, marker);
        assertEquals(1, own.size(), "ann sees her own query");
        annQuery = own.get(0);
        assertTrue(taskCount(ann, annQuery) > 0, "ann sees her own tasks");
      }
      try (Connection carl = DriverManager.getConnection(url, login("carl", "carl-pw"))) {
        assertEquals(List.of(), queryIds(carl, marker), "carl sees ann's SQL");
        assertEquals(0, taskCount(carl, annQuery), "carl sees ann's tasks");
        try (Statement s = carl.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT count(*) FROM sys.queries WHERE user_name <> 'carl'")) {
          rs.next();
          assertEquals(0, rs.getLong(1), "carl sees another user's query");
        }
      }
      try (Connection root = DriverManager.getConnection(url, login("root", "root-pw"))) {
        assertEquals(List.of(annQuery), queryIds(root, marker), "the admin sees ann's query");
        assertTrue(taskCount(root, annQuery) > 0, "the admin sees ann's tasks");
      }

      HttpResponse<String> carlIndex = get(server.url() + "/timeline", "carl:carl-pw");
      assertEquals(200, carlIndex.statusCode());
      assertFalse(carlIndex.body().contains(marker), carlIndex.body());
      assertFalse(carlIndex.body().contains("?query=" + annQuery + "\""), carlIndex.body());
      HttpResponse<String> carlPage =
          get(server.url() + "/timeline?query=" + annQuery, "carl:carl-pw");
      assertEquals(404, carlPage.statusCode(), carlPage.body());
      assertFalse(carlPage.body().contains(marker), carlPage.body());

      assertTrue(get(server.url() + "/timeline", "ann:ann-pw").body().contains(marker));
      assertEquals(
          200, get(server.url() + "/timeline?query=" + annQuery, "ann:ann-pw").statusCode());
      assertTrue(get(server.url() + "/timeline", "root:root-pw").body().contains(marker));
      assertEquals(
          200, get(server.url() + "/timeline?query=" + annQuery, "root:root-pw").statusCode());
    }
  }

  @Test
  void withoutALoginEveryoneSeesEveryQuery() throws SQLException {
    String marker = "open_" + System.nanoTime();
    try (Connection first = Mode.REMOTE.connect();
        Connection second = Mode.REMOTE.connect();
        Statement s = first.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) AS " + marker + " FROM numbers(0, 3)")) {
      rs.next();
      assertEquals(1, queryIds(second, marker).size());
    }
  }

  private static List<Long> queryIds(Connection c, String marker) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT query_id FROM sys.queries WHERE sql_text LIKE '%"
                    + marker
                    + "%' AND sql_text NOT LIKE '%sys.queries%'")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static long taskCount(Connection c, long queryId) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM sys.task_metrics WHERE query_id = " + queryId)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Properties login(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  private static HttpResponse<String> get(String url, String credentials) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
