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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
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

  private static Properties credentials(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }
}
