package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's timeline page draws each query's tasks; behind the login when there is one. */
class TimelineTest {
  @TempDir Path dir;

  @Test
  void timelineShowsAQuerysTasks() throws Exception {
    try (ArrowtapServer server =
            ArrowtapServer.start(
                new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(2)), "127.0.0.1", 0);
        Connection c = DriverManager.getConnection("jdbc:arrowtap:url=" + server.url());
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT count(*) AS timeline_marker FROM numbers(0, 100000)")) {
        rs.next();
      }
      long id;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT max(query_id) FROM sys.queries WHERE sql_text LIKE '%timeline_marker%' AND sql_text NOT LIKE '%sys.queries%'")) {
        rs.next();
        id = rs.getLong(1);
      }
      HttpResponse<String> index = get(server.url() + "/timeline", null);
      assertEquals(200, index.statusCode());
      assertTrue(index.body().contains("?query=" + id), index.body());
      HttpResponse<String> page = get(server.url() + "/timeline?query=" + id, null);
      assertEquals(200, page.statusCode());
      Matcher bars = Pattern.compile("<rect class=\"bar task finished\"").matcher(page.body());
      int count = 0;
      while (bars.find()) {
        count++;
      }
      assertEquals(2, count, page.body());
      assertTrue(
          page.body().contains("numbers(0, 100000)") || page.body().contains("[0-50000)"),
          page.body());
      assertEquals(404, get(server.url() + "/timeline?query=999999", null).statusCode());
    }
  }

  @Test
  void timelineNeedsTheLoginWhenTheServerHasOne() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "ann: s3cret-pw, arrowtap\n");
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.of(users))) {
      assertEquals(401, get(server.url() + "/timeline", null).statusCode());
      String ann =
          Base64.getEncoder().encodeToString("ann:s3cret-pw".getBytes(StandardCharsets.UTF_8));
      assertEquals(200, get(server.url() + "/timeline", "Basic " + ann).statusCode());
    }
  }

  private static HttpResponse<String> get(String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
