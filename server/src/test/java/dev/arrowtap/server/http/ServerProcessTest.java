package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Starts {@code arrowtap server} as its own process, as a user would. */
class ServerProcessTest {
  private static final Pattern READY =
      Pattern.compile("arrowtap server listening on http://([^:]+):(\\d+)");

  @Test
  void startsOnLoopbackAnswersHealthAndStopsOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ServerMain.class.getName(),
                    "--port",
                    "0"))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Matcher ready = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          ready = m;
          break;
        }
      }
      assertTrue(ready != null, "server never said it was listening");
      assertEquals("127.0.0.1", ready.group(1));
      int port = Integer.parseInt(ready.group(2));

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("ok"), health.body());

      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "server did not stop on SIGTERM");
      assertEquals(143, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }
}
