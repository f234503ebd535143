package dev.arrowtap.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's Chromium ({@value #BINARY}) started headless on a fresh profile, driven over the
 * DevTools protocol with the JDK's WebSocket client: open a page, evaluate JavaScript in it, wait
 * for a condition, take a screenshot of the whole page.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String BINARY = "/usr/bin/chromium";
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final List<String> output = new ArrayList<>();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebSocket socket;
  private final String session;

  private HeadlessChromium(int width, int height) throws Exception {
    profile = Files.createTempDirectory("arrowtap-chromium");
    // The flags keep a headless Chromium from reaching for the network (updates, sync, Google's
    // hosts) on a machine that has none, and from needing a sandbox or a GPU as root in CI.
    process =
        new ProcessBuilder(
                BINARY,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  int at = line.indexOf("ws://");
                  if (line.startsWith("DevTools listening on") && at >= 0) {
                    endpoint.complete(line.substring(at).trim());
                  }
                }
              } catch (IOException e) {
                endpoint.completeExceptionally(e);
              }
              endpoint.completeExceptionally(new IOException("chromium ended: " + output()));
            },
            "chromium-output");
    reader.setDaemon(true);
    reader.start();
    String url;
    try {
      url = endpoint.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      close();
      throw new IllegalStateException("chromium did not start: " + output(), e);
    }
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), new Listener())
            .get(CALL.toSeconds(), TimeUnit.SECONDS);
    String target =
        call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    session =
        call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .get("sessionId")
            .asText();
    call(session, "Page.enable", Map.of());
    call(session, "Runtime.enable", Map.of());
  }

  /** Starts Chromium with a window of this size (CSS pixels). */
  public static HeadlessChromium start(int width, int height) throws Exception {
    return new HeadlessChromium(width, height);
  }

  /** Opens {@code url} in the page; {@link #await} then waits for what it should show. */
  public void open(String url) throws Exception {
    JsonNode result = call(session, "Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IllegalStateException("cannot open " + url + ": " + result.get("errorText"));
    }
  }

  /**
   * Evaluates a JavaScript expression in the page and returns its value as JSON, or null while the
   * page is being replaced (a reload between two looks).
   */
  public JsonNode eval(String expression) throws Exception {
    JsonNode result =
        call(
            session,
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", false));
    if (result.hasNonNull("exceptionDetails")) {
      return null;
    }
    return result.path("result").get("value");
  }

  /**
   * Evaluates {@code expression} again and again until its value passes {@code done}, and returns
   * that value; fails after {@code timeout} with the last value seen.
   */
  public JsonNode await(String expression, Predicate<JsonNode> done, Duration timeout)
      throws Exception {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    try {
      // The page changes on its own (it reloads itself): look again every 25 ms.
      return Awaitility.await("the page shows what " + expression + " looks for")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(25))
          .until(
              () -> {
                JsonNode value = eval(expression);
                last.set(value);
                return value;
              },
              value -> value != null && !value.isNull() && done.test(value));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the page never showed what " + expression + " looks for; last value: " + last.get(), e);
    }
  }

  /** Writes a PNG of the whole page, beyond the window's height, to {@code file}. */
  public void screenshot(Path file) throws Exception {
    JsonNode metrics = call(session, "Page.getLayoutMetrics", Map.of());
    JsonNode size = metrics.path("cssContentSize");
    double width = Math.max(1, size.path("width").asDouble());
    double height = Math.max(1, Math.min(size.path("height").asDouble(), 16_000));
    JsonNode shot =
        call(
            session,
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  /** What Chromium printed so far, for failure messages. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  private JsonNode call(String sessionId, String method, Map<String, Object> params)
      throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(JSON.writeValueAsString(message), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply;
    try {
      reply = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
    } finally {
      pending.remove(id);
    }
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Hands each answer to the call waiting for it; events are not used. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        try {
          JsonNode node = JSON.readTree(message);
          if (node.has("id")) {
            CompletableFuture<JsonNode> waiting = pending.get(node.get("id").asInt());
            if (waiting != null) {
              waiting.complete(node);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      pending.values().forEach(call -> call.completeExceptionally(error));
    }
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.abort();
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // Chromium's children may still hold a file of the profile; the temp folder is the OS's.
    }
  }
}
