package io.herald.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.api.internal.PublishRejectedException;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.InvalidInputException;
import io.herald.limits.LimitExceededException;
import io.herald.security.AccessDeniedException;
import io.herald.security.AuthenticationException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every member of the failure family (and the hub's exceptions, and the unexpected) becomes:
 * status, problem body, headers and WebSocket close code, from {@link Failure#of(Throwable)} and
 * the one writer {@link Problem}; the bodies are the bytes clients saw before the family existed.
 */
class ProblemTest {

  private static void assertProblem(
      Throwable thrown, int status, String body, Map<String, String> headers, CloseCode close) {
    Failure f = Failure.of(thrown);
    assertEquals(status, f.status(), "status");
    assertEquals(body, Problem.json(f), "body");
    assertEquals(headers, Problem.headers(f), "headers");
    assertEquals(close, f.close(), "close code");
  }

  @Test
  void invalidInputFromTheHubIs400WithItsCode() {
    assertProblem(
        new InvalidInputException("bad-topic", "'topics' must be an array of topic names"),
        400,
        "{\"type\":\"urn:herald:problem:bad-topic\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"'topics' must be an array of topic names\",\"code\":\"bad-topic\"}",
        Map.of(),
        null);
  }

  @Test
  void anUnavailableHubIs503RetryAfter5() {
    assertProblem(
        new HubUnavailableException("the hub is stopped"),
        503,
        "{\"type\":\"urn:herald:problem:unavailable\",\"title\":\"Service Unavailable\","
            + "\"status\":503,\"detail\":\"the hub is stopped\",\"code\":\"unavailable\"}",
        Map.of("Retry-After", "5"),
        null);
  }

  @Test
  void authenticationIs401WithABearerChallenge() {
    assertProblem(
        new AuthenticationException("unauthenticated", "authentication required"),
        401,
        "{\"type\":\"urn:herald:problem:unauthenticated\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"authentication required\",\"code\":\"unauthenticated\"}",
        Map.of("WWW-Authenticate", "Bearer"),
        null);
  }

  @Test
  void accessDeniedIs403Forbidden() {
    assertProblem(
        new AccessDeniedException("alice may not subscribe to topic 'x'"),
        403,
        "{\"type\":\"urn:herald:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"alice may not subscribe to topic 'x'\",\"code\":\"forbidden\"}",
        Map.of(),
        null);
  }

  @Test
  void aRejectedPublishIs422() {
    assertProblem(
        new PublishRejectedException("no shouting"),
        422,
        "{\"type\":\"urn:herald:problem:rejected\",\"title\":\"Error\",\"status\":422,"
            + "\"detail\":\"no shouting\",\"code\":\"rejected\"}",
        Map.of(),
        null);
  }

  @Test
  void limitsCarryTheirStatusRetryAfterAndCloseCode() {
    assertProblem(
        new LimitExceededException(
            "too-many-connections",
            429,
            7,
            CloseCode.TOO_MANY_CONNECTIONS,
            "at most 2 connections per client address"),
        429,
        "{\"type\":\"urn:herald:problem:too-many-connections\",\"title\":\"Too Many Requests\","
            + "\"status\":429,\"detail\":\"at most 2 connections per client address\","
            + "\"code\":\"too-many-connections\"}",
        Map.of("Retry-After", "7"),
        CloseCode.TOO_MANY_CONNECTIONS);
    assertProblem(
        new LimitExceededException(
            "too-large", 413, 0, CloseCode.MESSAGE_TOO_BIG, "a message may be at most 10 bytes"),
        413,
        "{\"type\":\"urn:herald:problem:too-large\",\"title\":\"Request Entity Too Large\","
            + "\"status\":413,\"detail\":\"a message may be at most 10 bytes\","
            + "\"code\":\"too-large\"}",
        Map.of(),
        CloseCode.MESSAGE_TOO_BIG);
    assertProblem(
        new LimitExceededException("too-many-topics", 400, 0, null, "at most 3 topics"),
        400,
        "{\"type\":\"urn:herald:problem:too-many-topics\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"at most 3 topics\",\"code\":\"too-many-topics\"}",
        Map.of(),
        null);
  }

  @Test
  void anythingElseIsAnInternal500WithoutItsMessage() {
    Failure f = Failure.of(new IllegalStateException("secret internals"));
    assertTrue(f.unexpected());
    assertEquals(500, f.status());
    assertEquals(
        "{\"type\":\"urn:herald:problem:internal\",\"title\":\"Internal Server Error\","
            + "\"status\":500,\"detail\":\"internal error\",\"code\":\"internal\"}",
        Problem.json(f));
    assertEquals(Map.of(), Problem.headers(f));
    assertFalse(Failure.of(new AccessDeniedException("no")).unexpected());
  }

  @Test
  void aFamilyMemberCarriesItsOwnValues() {
    HeraldException e =
        new HeraldException(new Failure("http-401", 401, null, 0, "admins only", "Bearer x"));
    assertSame(e.failure(), Failure.of(e));
    assertEquals("http-401", e.code());
    assertEquals(401, e.status());
    assertEquals("admins only", e.getMessage());
    assertEquals(0, e.getStackTrace().length, "refusals record no stack trace");
  }

  @Test
  void aMissingDetailIsTheTitle() {
    assertEquals(
        "{\"type\":\"urn:herald:problem:gone\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"Not Found\",\"code\":\"gone\"}",
        Problem.json(Failure.of("gone", 404, null)));
  }

  @Test
  void headersComeInOrderChallengeThenRetryAfter() {
    Failure f = new Failure("c", 401, null, 3, "m", "Bearer");
    assertEquals(
        List.of("WWW-Authenticate", "Retry-After"), new ArrayList<>(Problem.headers(f).keySet()));
    assertNull(Failure.of("c", 400, "m").challenge());
  }

  @Test
  void theServletWriterSendsTheSameProblem() throws IOException {
    Recorded r = new Recorded();
    Failure f =
        Failure.of(new AuthenticationException("invalid-token", "invalid token"))
            .withChallenge("Bearer error=\"invalid_token\", error_description=\"invalid-token\"");
    Problem.write(f, r.response());
    assertEquals(401, r.status);
    assertEquals("application/problem+json", r.contentType);
    assertEquals(
        Map.of(
            "WWW-Authenticate",
            "Bearer error=\"invalid_token\", error_description=\"invalid-token\""),
        r.headers);
    assertEquals(
        "{\"type\":\"urn:herald:problem:invalid-token\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"invalid token\",\"code\":\"invalid-token\"}",
        r.body.toString(StandardCharsets.UTF_8));
  }

  /** A servlet response that records what is written to it. */
  private static final class Recorded {
    int status;
    String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    HttpServletResponse response() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {
              body.write(b);
            }
          };
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "setStatus" -> {
                      status = (Integer) args[0];
                      yield null;
                    }
                    case "setContentType" -> {
                      contentType = (String) args[0];
                      yield null;
                    }
                    case "setHeader" -> {
                      headers.put((String) args[0], (String) args[1]);
                      yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }
  }
}
