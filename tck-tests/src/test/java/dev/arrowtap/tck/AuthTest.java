package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started with a users file lets in only those users; health stays open. */
class AuthTest {
  @TempDir Path dir;

  @Test
  void onlyListedUsersGetIn() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "ann: s3cret-pw, arrowtap\nbob: other-pw, nobody\n");
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.of(users))) {
      String url = "jdbc:arrowtap:url=" + server.url();
      try (Connection c = DriverManager.getConnection(url, "ann", "s3cret-pw");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM numbers(0, 7)")) {
        rs.next();
        assertEquals(7, rs.getLong(1));
      }
      for (Properties login :
          new Properties[] {
            credentials("ann", "wrong"), credentials("bob", "other-pw"), new Properties()
          }) {
        SQLException refused =
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, login).close());
        assertEquals("28000", refused.getSQLState(), refused.getMessage());
        assertTrue(
            !refused.getMessage().contains("s3cret") && !refused.getMessage().contains("other-pw"),
            refused.getMessage());
      }
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }
  }

  @Test
  void repeatedFailedLoginsAreRefusedForAWhileWithAClearMessage() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "ann: s3cret-pw, arrowtap\n");
    // A clock that stands still: the lock-out cannot run out on a slow machine.
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.of(users),
            Optional.empty(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))) {
      String url = "jdbc:arrowtap:url=" + server.url();
      for (int i = 0; i < 5; i++) {
        String guess = "guess-" + i;
        SQLException refused =
            assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(url, credentials("ann", guess)).close());
        assertEquals("28000", refused.getSQLState(), refused.getMessage());
      }
      SQLException locked =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(url, credentials("ann", "s3cret-pw")).close());
      assertEquals("08004", locked.getSQLState(), locked.getMessage());
      assertTrue(locked.getMessage().contains("repeated failed logins"), locked.getMessage());
    }
  }

  private static Properties credentials(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  @Test
  void aUserCannotActOnAnotherUsersConnection() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "ann: s3cret-pw, arrowtap\ncarl: carl-pw, arrowtap\n");
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.of(users))) {
      Properties spoofing = credentials("ann", "s3cret-pw");
      spoofing.setProperty("avatica_user", "ann");
      spoofing.setProperty("avatica_password", "s3cret-pw");
      spoofing.setProperty("user", "mallory");
      spoofing.setProperty("authentication", "BASIC");
      try (Connection ann =
          DriverManager.getConnection("jdbc:arrowtap:url=" + server.url(), spoofing)) {
        String annId = ((AvaticaConnection) ann).id;
        String body = "{\"request\":\"createStatement\",\"connectionId\":\"" + annId + "\"}";
        String carl =
            Base64.getEncoder().encodeToString("carl:carl-pw".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> hijack =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(server.url()))
                        .header("Authorization", "Basic " + carl)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertTrue(hijack.body().contains("belongs to another user"), hijack.body());
        assertTrue(hijack.body().contains("42501"), hijack.body());
        try (Statement first = ann.createStatement();
            ResultSet mark =
                first.executeQuery("SELECT count(*) AS whoami_marker FROM numbers(0, 1)")) {
          assertTrue(mark.next());
        }
        try (Statement s = ann.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT user_name FROM sys.queries WHERE sql_text LIKE '%whoami_marker%' AND sql_text NOT LIKE '%sys.queries%'")) {
          assertTrue(rs.next());
          assertEquals("ann", rs.getString(1), "the logged-in user, not the one the client claims");
        }
      }
    }
  }
}
