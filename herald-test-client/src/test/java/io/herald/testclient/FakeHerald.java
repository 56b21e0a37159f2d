package io.herald.testclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny stand-in for Herald's HTTP side on loopback: an in-memory list of messages with cursors
 * "c-N", {@code /api/publish}, {@code /api/messages}, {@code /api/poll}, {@code /api/history},
 * {@code /api/ticket} and {@code /api/sse} (one stream at a time, fed by {@link #publish}). It
 * records every request's Authorization header and query. Thread-safe.
 */
final class FakeHerald implements AutoCloseable {
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private final BlockingQueue<String> sseFeed = new LinkedBlockingQueue<>();
  private final HttpServer server;

  FakeHerald() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/app/api/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/app");
  }

  /** Stores a message and returns its id; an open SSE stream gets it too. */
  synchronized String publish(String topic, String data) {
    String id = "c-" + (messages.size() + 1);
    String json =
        "{\"id\":\""
            + id
            + "\",\"topic\":\""
            + topic
            + "\",\"event\":\"message\",\"data\":"
            + data
            + ",\"time\":\"2026-11-26T00:00:00Z\"}";
    messages.add(json);
    sseFeed.add("id: " + id + "\nevent: message\ndata: " + json + "\n\n");
    notifyAll();
    return id;
  }

  /** Sends the stored message at {@code index} again on the open SSE stream. */
  synchronized void resendOnSse(int index) {
    String json = messages.get(index);
    sseFeed.add("id: " + Json.object(json).getString("id") + "\ndata: " + json + "\n\n");
  }

  private synchronized List<String> after(int seq) {
    return new ArrayList<>(messages.subList(Math.min(seq, messages.size()), messages.size()));
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath().substring("/app/api/".length());
    String query = x.getRequestURI().getRawQuery();
    requests.add(
        x.getRequestMethod()
            + " "
            + path
            + (query == null ? "" : "?" + query)
            + " auth="
            + x.getRequestHeaders().getFirst("Authorization")
            + " last-event-id="
            + x.getRequestHeaders().getFirst("Last-Event-ID"));
    switch (path) {
      case "publish" -> {
        var body =
            Json.object(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = publish(body.getString("topic"), body.get("data").toString());
        reply(x, 201, "{\"id\":\"" + id + "\"}");
      }
      case "messages", "poll" -> {
        int since = since(query);
        List<String> page = after(Math.max(0, since));
        if (path.equals("poll") && page.isEmpty()) {
          synchronized (this) {
            try {
              wait(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          page = after(Math.max(0, since));
        }
        int cursor = since < 0 ? count() : since + page.size();
        reply(
            x,
            200,
            "{\"messages\":["
                + (since < 0 ? "" : String.join(",", page))
                + "],\"cursor\":\"c-"
                + cursor
                + "\",\"gap\":[],\"more\":false}");
      }
      case "history" ->
          reply(
              x,
              200,
              "{\"messages\":[" + String.join(",", after(0)) + "],\"next\":null,\"gap\":[]}");
      case "ticket" ->
          reply(
              x,
              x.getRequestHeaders().containsKey("Authorization") ? 200 : 401,
              "{\"ticket\":\"t-1\",\"expiresIn\":30}");
      case "sse" -> sse(x);
      default -> reply(x, 404, "{}");
    }
  }

  private synchronized int count() {
    return messages.size();
  }

  private static int since(String query) {
    if (query == null) {
      return -1;
    }
    for (String p : query.split("&")) {
      if (p.startsWith("since=")) {
        String v = p.substring("since=".length());
        return v.equals("earliest") ? 0 : Integer.parseInt(v.substring(2));
      }
    }
    return -1;
  }

  private void sse(HttpExchange x) throws IOException {
    if (query(x).contains("deny")) {
      reply(x, 403, "{\"type\":\"urn:herald:problem:forbidden\",\"status\":403}");
      return;
    }
    String last = x.getRequestHeaders().getFirst("Last-Event-ID");
    sseFeed.clear();
    x.getResponseHeaders().add("Content-Type", "text/event-stream");
    x.sendResponseHeaders(200, 0);
    try (OutputStream out = x.getResponseBody()) {
      StringBuilder opening =
          new StringBuilder(
              "event: subscribed\ndata: {\"topics\":[\"t\"],\"cursor\":\"c-" + count() + "\"}\n\n");
      if (last != null) {
        for (String m : after(Integer.parseInt(last.substring(2)))) {
          opening
              .append("id: ")
              .append(Json.object(m).getString("id"))
              .append("\ndata: ")
              .append(m)
              .append("\n\n");
        }
      }
      out.write(opening.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String next = sseFeed.poll(5, TimeUnit.SECONDS);
        if (next == null || next.equals("END")) {
          return;
        }
        out.write(next.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client closed the stream.
    }
  }

  private static String query(HttpExchange x) {
    String q = x.getRequestURI().getRawQuery();
    return q == null ? "" : q;
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    sseFeed.add("END");
    server.stop(0);
  }
}
