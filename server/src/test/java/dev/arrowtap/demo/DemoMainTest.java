package dev.arrowtap.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@code arrowtap demo-api} as its own process, as {@code bin/arrowtap demo} does. */
class DemoMainTest {
  @Test
  void printsTheReadyLineServesAndStopsOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    DemoMain.class.getName(),
                    "--port",
                    "0"))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      // bin/arrowtap waits for exactly this line, so it must be the first one printed.
      String line = out.readLine();
      assertTrue(
          line != null
              && line.matches("arrowtap demo API listening on http://127\\.0\\.0\\.1:\\d+"),
          String.valueOf(line));
      String baseUrl = line.substring(DemoMain.READY.length());

      HttpResponse<String> status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/api/status")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, status.statusCode());

      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "demo API did not stop on SIGTERM");
      assertEquals(143, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void parsesThePort() {
    assertEquals(0, DemoMain.parsePort());
    assertEquals(8900, DemoMain.parsePort("--port", "8900"));
    assertThrows(IllegalArgumentException.class, () -> DemoMain.parsePort("--port", "x"));
    assertThrows(IllegalArgumentException.class, () -> DemoMain.parsePort("--port", "70000"));
    assertThrows(IllegalArgumentException.class, () -> DemoMain.parsePort("--bind", "0.0.0.0"));
  }
}
