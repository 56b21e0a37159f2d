package io.herald.api.internal;

import io.herald.api.ClientRequest;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Names;
import io.herald.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands client requests to the application, for every transport: checks the caller may publish to
 * the request's topic, fires {@link ClientRequest}, and gives the transport the reply, the
 * application's failure, or a timeout ({@link RequestException}).
 *
 * <p>Thread-safe; application-scoped. Called by the WebSocket endpoint and {@code POST
 * /api/request}.
 */
@ApplicationScoped
public class ClientRequests {
  /** Timeout when the client names none, in milliseconds. */
  public static final long DEFAULT_TIMEOUT_MS = 5_000;

  /** Longest timeout a client may ask for, in milliseconds. */
  public static final long MAX_TIMEOUT_MS = 30_000;

  @Inject AccessPolicy access;
  @Inject Event<ClientRequest> requests;
  @Inject BeanManager beans;

  /**
   * Sends a request to the application's observers.
   *
   * @param caller authenticated principal or {@code null}
   * @param topic the request's topic (validated here)
   * @param data the request's payload
   * @param timeoutMillis from {@link #timeout}
   * @param transport {@code "http"} or {@code "websocket"}
   * @return the reply; completes exceptionally with a {@link RequestException} (or whatever an
   *     observer threw) when there is none
   * @throws RequestException {@code no-responder} if nothing observes requests
   */
  public CompletionStage<JsonValue> request(
      Principal caller, String topic, JsonValue data, long timeoutMillis, String transport) {
    String t = Names.topic(topic);
    if (data == null) {
      throw new InvalidInputException("missing-data", "data is required");
    }
    access.checkPublish(caller, t);
    CompletableFuture<JsonValue> replied = new CompletableFuture<>();
    ClientRequest r = new ClientRequest(t, data, caller, transport, replied);
    if (beans.resolveObserverMethods(r).isEmpty()) {
      throw RequestException.noResponder();
    }
    CompletableFuture<JsonValue> answer = replied.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    try {
      requests.fire(r);
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer.handle(
        (reply, failure) -> {
          if (failure == null) {
            return reply;
          }
          Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
          if (cause instanceof TimeoutException) {
            throw RequestException.timeout(timeoutMillis);
          }
          if (cause instanceof ClientRequest.Failed f) {
            throw RequestException.failed(f.code(), f.getMessage());
          }
          throw cause instanceof RuntimeException e ? e : new CompletionException(cause);
        });
  }

  /**
   * A request's timeout from the client's {@code timeout} (milliseconds, a whole number from 1 to
   * {@link #MAX_TIMEOUT_MS}), or {@link #DEFAULT_TIMEOUT_MS} when absent.
   *
   * @throws InvalidInputException {@code bad-timeout} otherwise
   */
  public static long timeout(JsonValue value) {
    if (value == null || value == JsonValue.NULL) {
      return DEFAULT_TIMEOUT_MS;
    }
    if (value instanceof JsonNumber n && n.isIntegral()) {
      BigDecimal ms = n.bigDecimalValue();
      if (ms.compareTo(BigDecimal.ONE) >= 0
          && ms.compareTo(BigDecimal.valueOf(MAX_TIMEOUT_MS)) <= 0) {
        return ms.longValue();
      }
    }
    throw new InvalidInputException(
        "bad-timeout",
        "timeout must be a whole number of milliseconds from 1 to " + MAX_TIMEOUT_MS);
  }
}
