package io.herald.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes numbered messages on a fixed schedule over one keep-alive HTTP/1.1 connection, one
 * request at a time so the server sees them in order. Each message carries its scheduled send time:
 * when the server is slow the publisher falls behind, and that shows up as latency in every
 * receiver's histogram (no coordinated omission).
 *
 * <p>Used by one thread at a time.
 */
final class Publisher {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI uri;
  private final boolean heraldEnvelope;
  private final boolean binary;
  private final long originNanos;

  Publisher(Target target, long originNanos) {
    this.uri = URI.create("http://" + Fleet.HOST + ":" + target.port() + target.publishPath());
    this.heraldEnvelope = target.heraldPublish();
    this.binary = target.encoding() == Encoding.BINARY;
    this.originNanos = originNanos;
  }

  /**
   * Sends {@code count} messages numbered from {@code base} at {@code rate} per second; returns how
   * many the server refused or failed.
   */
  int run(long base, int count, double rate, int payloadBytes, long deadlineNanos) {
    String pad = padding(payloadBytes);
    long period = (long) (1e9 / rate);
    long start = System.nanoTime() + 20_000_000L;
    int failures = 0;
    for (int k = 0; k < count; k++) {
      long scheduled = start + k * period;
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (System.nanoTime() > deadlineNanos) {
        return failures + count - k;
      }
      String data =
          "{\"bs\":" + (base + k) + ",\"bt\":" + (scheduled - originNanos) / 1000 + pad + "}";
      if (binary) {
        // The same bytes, declared binary: herald.v1 clients get them raw in a binary frame.
        data =
            "{\"$base64\":\""
                + java.util.Base64.getEncoder()
                    .encodeToString(data.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\"}";
      }
      String body = heraldEnvelope ? "{\"topic\":\"bench\",\"data\":" + data + "}" : data;
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
          failures++;
        }
      } catch (Exception e) {
        failures++;
      }
    }
    return failures;
  }

  /** The {@code "p"} member that brings the data object to about {@code bytes} bytes. */
  static String padding(int bytes) {
    int fixed = "{\"bs\":1000000,\"bt\":100000000,\"p\":\"\"}".length();
    return ",\"p\":\"" + "x".repeat(Math.max(0, bytes - fixed)) + "\"";
  }
}
