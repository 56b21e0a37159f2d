package io.herald.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The address capture: the filter resolves it once, the handshake hands it to the WebSocket
 * session, and every transport reads the same value.
 */
class ClientAddressTest {

  @Test
  void theFilterResolvesOnceAndTheHandshakeCarriesItToTheSession() throws Exception {
    Map<String, Object> attributes = new HashMap<>();
    HttpServletRequest request =
        request("10.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"), attributes);
    ClientAddressFilter filter = new ClientAddressFilter();
    filter.settings = new ProxySettings(List.of("10.0.0.0/8"));
    Map<String, Object> handshake = new HashMap<>();
    FilterChain chain = (req, res) -> ClientAddress.capture(handshake);

    filter.doFilter(request, null, chain);

    assertEquals("203.0.113.9", ClientAddress.of(request));
    assertEquals("203.0.113.9", handshake.get("io.herald.client-address"));
    assertEquals("203.0.113.9", ClientAddress.of(session(handshake)));
    assertNull(ClientAddress.CAPTURED.get(), "nothing is left on the thread");
  }

  @Test
  void withoutTrustedProxiesThePeerIsTheClient() throws Exception {
    Map<String, Object> attributes = new HashMap<>();
    HttpServletRequest request =
        request("10.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"), attributes);
    ClientAddressFilter filter = new ClientAddressFilter();
    filter.settings = new ProxySettings(List.of());
    filter.doFilter(request, null, (req, res) -> {});
    assertEquals("10.0.0.1", ClientAddress.of(request));
  }

  @Test
  void aSessionWithoutTheHandshakeValueFallsBackToTheContainersOrUnknown() {
    assertEquals("unknown", ClientAddress.of(session(new HashMap<>())));
    Map<String, Object> props = new HashMap<>();
    props.put(
        "jakarta.websocket.endpoint.remoteAddress",
        new java.net.InetSocketAddress("127.0.0.5", 4000));
    assertEquals("127.0.0.5", ClientAddress.of(session(props)));
    assertEquals("unknown", ClientAddress.of((HttpServletRequest) null));
  }

  private static HttpServletRequest request(
      String peer, Map<String, String> headers, Map<String, Object> attributes) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ClientAddressTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (p, m, args) ->
                switch (m.getName()) {
                  case "getRemoteAddr" -> peer;
                  case "getHeaders" ->
                      headers.containsKey((String) args[0])
                          ? Collections.enumeration(List.of(headers.get((String) args[0])))
                          : Collections.emptyEnumeration();
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "getAttribute" -> attributes.get((String) args[0]);
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }

  private static Session session(Map<String, Object> props) {
    return (Session)
        Proxy.newProxyInstance(
            ClientAddressTest.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (p, m, args) -> {
              if (m.getName().equals("getUserProperties")) {
                return props;
              }
              throw new UnsupportedOperationException(m.getName());
            });
  }
}
