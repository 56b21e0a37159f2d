package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeRequestTest {
  private static final Map<String, List<String>> HANDSHAKE =
      Map.of(
          "Upgrade", List.of("websocket"),
          "Connection", List.of("keep-alive, Upgrade"),
          "Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));

  @Test
  void aRequestWithoutUpgradeIsOrdinary() {
    assertEquals(
        UpgradeRequest.NONE, UpgradeRequest.of(request("POST", "/api", "/publish", Map.of())));
  }

  @Test
  void aWellFormedHandshakeToTheEndpointIsAWebSocket() {
    assertEquals(
        UpgradeRequest.WEBSOCKET, UpgradeRequest.of(request("GET", "/api", "/ws", HANDSHAKE)));
    assertEquals(
        UpgradeRequest.WEBSOCKET, UpgradeRequest.of(request("GET", "/api/ws", null, HANDSHAKE)));
    Map<String, List<String>> shouting =
        Map.of(
            "Upgrade", List.of(" WebSocket "),
            "Connection", List.of("UPGRADE"),
            "Sec-WebSocket-Key", List.of("k"));
    assertEquals(
        UpgradeRequest.WEBSOCKET, UpgradeRequest.of(request("GET", "/api", "/ws", shouting)));
  }

  @Test
  void anUpgradeOnAnythingButAHandshakeToTheEndpointIsBad() {
    assertEquals(UpgradeRequest.BAD, UpgradeRequest.of(request("GET", "/api", "/poll", HANDSHAKE)));
    assertEquals(
        UpgradeRequest.BAD, UpgradeRequest.of(request("POST", "/api", "/publish", HANDSHAKE)));
    assertEquals(UpgradeRequest.BAD, UpgradeRequest.of(request("POST", "/api", "/ws", HANDSHAKE)));
    assertEquals(UpgradeRequest.BAD, UpgradeRequest.of(request("GET", "/api", "/ws/", HANDSHAKE)));
    assertEquals(
        UpgradeRequest.BAD,
        UpgradeRequest.of(request("GET", "/api", "/poll", Map.of("Upgrade", List.of("h2c")))));
  }

  @Test
  void aMalformedHandshakeIsBad() {
    assertEquals(
        UpgradeRequest.BAD,
        UpgradeRequest.of(request("GET", "/api", "/ws", without("Sec-WebSocket-Key"))));
    assertEquals(
        UpgradeRequest.BAD,
        UpgradeRequest.of(request("GET", "/api", "/ws", without("Connection"))));
    assertEquals(
        UpgradeRequest.BAD,
        UpgradeRequest.of(
            request("GET", "/api", "/ws", with("Upgrade", List.of("websocket", "h2c")))));
    assertEquals(
        UpgradeRequest.BAD,
        UpgradeRequest.of(request("GET", "/api", "/ws", with("Upgrade", List.of("websocket2")))));
    assertEquals(
        UpgradeRequest.BAD,
        UpgradeRequest.of(request("GET", "/api", "/ws", with("Connection", List.of("close")))));
  }

  @Test
  void theRefusalIsA400BadUpgrade() {
    assertEquals("bad-upgrade", UpgradeRequest.refusal().code());
    assertEquals(400, UpgradeRequest.refusal().status());
  }

  private static Map<String, List<String>> without(String name) {
    Map<String, List<String>> headers = new java.util.HashMap<>(HANDSHAKE);
    headers.remove(name);
    return headers;
  }

  private static Map<String, List<String>> with(String name, List<String> values) {
    Map<String, List<String>> headers = new java.util.HashMap<>(HANDSHAKE);
    headers.put(name, values);
    return headers;
  }

  /** A request answering only what {@link UpgradeRequest} may read; anything else fails. */
  private static HttpServletRequest request(
      String method, String servletPath, String pathInfo, Map<String, List<String>> headers) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            UpgradeRequestTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "getMethod" -> method;
                  case "getServletPath" -> servletPath;
                  case "getPathInfo" -> pathInfo;
                  case "getHeaders" ->
                      Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                  case "getHeader" -> {
                    List<String> values = headers.getOrDefault((String) args[0], List.of());
                    yield values.isEmpty() ? null : values.get(0);
                  }
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }
}
