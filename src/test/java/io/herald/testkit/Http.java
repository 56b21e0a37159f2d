package io.herald.testkit;

import io.herald.testclient.HeraldClient;
import io.herald.testclient.UnexpectedResponseException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Small blocking HTTP/1.1 client for protocol tests (any request, its raw answer). Publishing goes
 * through herald-test-client ({@link #client()}). Thread-safe.
 */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final String token;
  private volatile HeraldClient client;

  /** A client sending {@link Tokens#full()}, so tests of other concerns run with security on. */
  public Http(URI base) {
    this(base, Tokens.full());
  }

  /**
   * @param token bearer token sent with every request, or null for an anonymous client
   */
  public Http(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same server with another bearer token (null: anonymous). */
  public Http as(String token) {
    return new Http(base, token);
  }

  /** A response with its body as text and, when it is JSON, parsed. */
  public record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        return r.readObject();
      }
    }
  }

  /** The ids of a poll body's messages, in order. */
  public static java.util.List<String> ids(JsonObject pollBody) {
    return pollBody.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("id"))
        .toList();
  }

  /** {@code path} resolved against the server root. */
  public URI uri(String path) {
    return base.resolve(path);
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public Answer post(String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Publishes one message through the REST API and returns its id (201, else {@link
   * UnexpectedResponseException}), with herald-test-client.
   */
  public String publish(String topic, String dataJson) {
    return client().publish(topic, null, dataJson);
  }

  /**
   * herald-test-client for the same server and token: one per {@code Http}, made on first use (each
   * holds its own JDK HttpClient, so one per publish would open a connection per publish).
   */
  public HeraldClient client() {
    HeraldClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = HeraldClient.to(base).withBearer(token);
          client = c;
        }
      }
    }
    return c;
  }

  public Answer send(HttpRequest.Builder request) {
    if (token != null) {
      request.setHeader("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(90)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
