package io.herald.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol, for browser tests: opens a page and
 * evaluates JavaScript in it. {@link BrowserTool#chromium()} installs Chromium when missing.
 *
 * <p>One page per instance; not thread-safe.
 */
public final class Chromium implements AutoCloseable {
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  private Chromium(Process process, Path profile) {
    this.process = process;
    this.profile = profile;
  }

  /** Launches Chromium with one tab showing {@code url}. */
  public static Chromium open(URI url) throws Exception {
    String binary = BrowserTool.chromium();
    Path profile = Files.createTempDirectory("herald-chromium");
    Process p =
        new ProcessBuilder(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI browser = devtools(p);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI newTab =
        URI.create(
            "http://"
                + browser.getAuthority()
                + "/json/new?"
                + URLEncoder.encode(url.toString(), StandardCharsets.UTF_8));
    String tab =
        http.send(
                HttpRequest.newBuilder(newTab).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String pageUrl = parse(tab).getString("webSocketDebuggerUrl");
    Chromium c = new Chromium(p, profile);
    c.page =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(pageUrl), c.listener())
            .get(10, TimeUnit.SECONDS);
    return c;
  }

  /**
   * Evaluates {@code expression} in the page (awaiting a promise) and returns its JSON value.
   *
   * @throws AssertionError if it throws or takes longer than {@code timeout}
   */
  public JsonValue eval(String expression, Duration timeout) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    String command =
        Json.createObjectBuilder()
            .add("id", id)
            .add("method", "Runtime.evaluate")
            .add(
                "params",
                Json.createObjectBuilder()
                    .add("expression", expression)
                    .add("awaitPromise", true)
                    .add("returnByValue", true))
            .build()
            .toString();
    page.sendText(command, true).join();
    JsonObject reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!reply.containsKey("result")) {
      throw new AssertionError("DevTools refused the evaluation: " + reply);
    }
    JsonObject result = reply.getJsonObject("result");
    if (result.containsKey("exceptionDetails")) {
      throw new AssertionError("page script failed: " + result.getJsonObject("exceptionDetails"));
    }
    return result.getJsonObject("result").getOrDefault("value", JsonValue.NULL);
  }

  /** Waits until the page at {@code url} has loaded (the tab starts on about:blank). */
  public void awaitLoaded(URI url, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String expression =
        "location.href.startsWith('" + url + "') && document.readyState === 'complete'";
    while (System.nanoTime() < end) {
      try {
        if (eval(expression, Duration.ofSeconds(5)) == JsonValue.TRUE) {
          return;
        }
      } catch (AssertionError e) {
        // The context was replaced by the navigation; ask again.
      }
      Thread.sleep(100);
    }
    throw new AssertionError("page " + url + " did not load within " + timeout);
  }

  private WebSocket.Listener listener() {
    StringBuilder partial = new StringBuilder();
    return new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          JsonObject message = parse(partial.toString());
          partial.setLength(0);
          if (message.containsKey("id")) {
            CompletableFuture<JsonObject> f = pending.remove(message.getInt("id"));
            if (f != null) {
              f.complete(message);
            }
          }
        }
        ws.request(1);
        return null;
      }
    };
  }

  private static URI devtools(Process p) throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (String line = err.readLine();
        line != null && System.nanoTime() < end;
        line = err.readLine()) {
      Matcher m = DEVTOOLS.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> err.lines().forEach(l -> {}), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return URI.create(m.group(1));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("Chromium did not start its DevTools endpoint");
  }

  private static JsonObject parse(String text) {
    try (JsonReader r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      page.abort();
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
