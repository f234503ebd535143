package dev.arrowtap.server.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the server's keystore the endpoint speaks TLS, and the JDBC driver trusts it. */
class FlightSqlTlsTest {
  private static final String PASSWORD = "keystore-pass-1";

  @TempDir Path dir;

  @Test
  void jdbcDriverQueriesOverTls() throws Exception {
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
    // The driver reads its trust store as JKS: the server's certificate goes into one.
    Path certificate = dir.resolve("server.cer");
    Path truststore = dir.resolve("trust.jks");
    keytool(
        keytool,
        "-exportcert",
        "-alias",
        "arrowtap",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "arrowtap",
        "-file",
        certificate.toString(),
        "-storetype",
        "JKS",
        "-keystore",
        truststore.toString(),
        "-storepass",
        PASSWORD);
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults());
        FlightSqlEndpoint endpoint =
            FlightSqlEndpoint.start(
                engine,
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.of(new FlightSqlEndpoint.KeystoreIdentity(keystore, PASSWORD)))) {
      assertTrue(endpoint.uri().startsWith("grpc+tls://127.0.0.1:"), endpoint.uri());
      String url =
          "jdbc:arrow-flight-sql://127.0.0.1:"
              + endpoint.port()
              + "?useEncryption=true&useSystemTrustStore=false&trustStore="
              + truststore
              + "&trustStorePassword="
              + PASSWORD;
      try (Connection connection = DriverManager.getConnection(url);
          ResultSet rows =
              connection.createStatement().executeQuery("SELECT count(*) FROM numbers(0, 77)")) {
        assertTrue(rows.next());
        assertEquals(77, rows.getLong(1));
      }
    }
  }

  private static void keytool(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(
        0,
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
