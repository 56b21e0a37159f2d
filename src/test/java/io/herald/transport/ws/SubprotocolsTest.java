package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubprotocolsTest {

  @Test
  void offersAreReadFromEveryHeaderValueAndCommaList() {
    Map<String, List<String>> headers =
        Map.of("sec-websocket-protocol", List.of("a, herald.v1", " b "), "Host", List.of("x"));
    assertEquals(List.of("a", "herald.v1", "b"), Subprotocols.offered(headers));
    assertEquals(List.of(), Subprotocols.offered(Map.of("Host", List.of("x"))));
  }

  @Test
  void noOfferOrHeraldV1IsAcceptedAndOnlyUnknownOnesAreRefused() {
    assertNull(Subprotocols.refused(List.of()));
    assertNull(Subprotocols.refused(List.of("mqtt", "herald.v1")));
    assertEquals("mqtt, herald.v2", Subprotocols.refused(List.of("mqtt", "herald.v2")));
  }

  @Test
  void theConfiguratorSelectsHeraldV1OnlyWhenOffered() {
    WsServices.Endpoints c = new WsServices.Endpoints();
    assertEquals(
        "herald.v1", c.getNegotiatedSubprotocol(List.of("herald.v1"), List.of("x", "herald.v1")));
    assertEquals("", c.getNegotiatedSubprotocol(List.of("herald.v1"), List.of("x")));
    assertEquals("", c.getNegotiatedSubprotocol(List.of("herald.v1"), List.of()));
  }
}
