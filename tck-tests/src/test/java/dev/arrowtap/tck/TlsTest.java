package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import dev.arrowtap.server.http.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with a TLS keystore speaks HTTPS; a client trusts it through a truststore. */
class TlsTest {
  private static final String PASSWORD = "keystore-pass-1";

  @TempDir Path dir;

  @Test
  void clientQueriesOverHttps() throws Exception {
    Path keystore = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "arrowtap",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(
        0,
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.empty(),
            Optional.of(new TlsSettings(keystore, PASSWORD)))) {
      assertTrue(server.url().startsWith("https://"), server.url());
      String url =
          "jdbc:arrowtap:url="
              + server.url()
              + ";truststore="
              + keystore
              + ";truststore_password="
              + PASSWORD;
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM numbers(0, 9)")) {
        rs.next();
        assertEquals(9, rs.getLong(1));
      }
      // Without the truststore the server's self-signed certificate is refused.
      String untrusted = "jdbc:arrowtap:url=" + server.url();
      assertThrows(SQLException.class, () -> DriverManager.getConnection(untrusted).close());
    }
  }
}
