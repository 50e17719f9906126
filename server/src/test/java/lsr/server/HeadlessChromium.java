package lsr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over the JDK's WebSocket client:
 * a real browser running the page's real JavaScript, with nothing but the JDK on the test side.
 * Installs the {@code chromium} package when it is missing and the test runs as root; skips the test
 * (with the reason) only when Chromium can neither be found nor installed.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Makes sure Chromium is installed, or skips the calling test saying why it is not. */
  static void assumeAvailable() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String why;
    try {
      Process install = new ProcessBuilder("apt-get", "install", "-y", "chromium")
          .redirectErrorStream(true).start();
      String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0;
      why = done ? "apt-get installed no " + BINARY : "apt-get install -y chromium failed: "
          + log.substring(Math.max(0, log.length() - 400));
    } catch (IOException e) {
      why = "apt-get cannot run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted while installing chromium";
    }
    Assumptions.assumeTrue(Files.isExecutable(BINARY),
        "skipped: this test needs Debian's Chromium at " + BINARY + " and it could not be installed (" + why + ")");
  }

  /** Starts a fresh headless browser with an empty profile and attaches to its first tab. */
  static HeadlessChromium start() throws Exception {
    assumeAvailable();
    Path profile = Files.createTempDirectory("lsr-chromium-");
    Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
        .redirectErrorStream(true).start();
    String browserUrl = devToolsUrl(process);
    URI browser = URI.create(browserUrl);
    HttpClient http = HttpClient.newHttpClient();
    String page = null;
    for (int attempt = 0; attempt < 50 && page == null; attempt++) {
      HttpResponse<String> list = http.send(HttpRequest.newBuilder(
          URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString());
      for (JsonNode target : JSON.readTree(list.body())) {
        if ("page".equals(target.path("type").asText())) {
          page = target.get("webSocketDebuggerUrl").asText();
        }
      }
      if (page == null) {
        Thread.sleep(100);
      }
    }
    if (page == null) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium opened no page target");
    }
    HeadlessChromium[] self = new HeadlessChromium[1];
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
      private final StringBuilder message = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        message.append(data);
        if (last) {
          String text = message.toString();
          message.setLength(0);
          self[0].dispatch(text);
        }
        ws.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, profile, socket);
    self[0].call("Page.enable", JSON.createObjectNode());
    self[0].call("Runtime.enable", JSON.createObjectNode());
    return self[0];
  }

  private static String devToolsUrl(Process process) throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          Matcher m = DEVTOOLS.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
      url.completeExceptionally(new IllegalStateException("Chromium exited"));
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return url.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("Chromium did not open its DevTools port; it printed:\n" + output, e);
      }
    }
  }

  private void dispatch(String text) {
    try {
      JsonNode msg = JSON.readTree(text);
      if (msg.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
        if (f != null) {
          f.complete(msg);
        }
      }
    } catch (IOException e) {
      // Not JSON: the protocol never sends that; ignore rather than kill the listener.
    }
  }

  /** Sends one DevTools command and waits for its result. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
    JsonNode r = reply.get(30, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  void navigate(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** Evaluates {@code expression} in the page (awaiting a promise) and returns its JSON value. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode()
        .put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Polls {@code condition} (a JavaScript boolean expression) until it holds. */
  void waitFor(String condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!eval("!!(" + condition + ")").asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("page never satisfied: " + condition);
      }
      Thread.sleep(50);
    }
  }

  /** Types {@code text} into the focused element as keyboard input would. */
  void type(String text) throws Exception {
    call("Input.insertText", JSON.createObjectNode().put("text", text));
  }

  /** Presses and releases Enter. */
  void pressEnter() throws Exception {
    for (String type : new String[] {"keyDown", "keyUp"}) {
      ObjectNode key = JSON.createObjectNode().put("type", type).put("key", "Enter").put("code", "Enter")
          .put("windowsVirtualKeyCode", 13).put("nativeVirtualKeyCode", 13);
      if (type.equals("keyDown")) {
        key.put("text", "\r");
      }
      call("Input.dispatchKeyEvent", key);
    }
  }

  void screenshot(Path file) throws Exception {
    JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
