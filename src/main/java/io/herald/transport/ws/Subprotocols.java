package io.herald.transport.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket subprotocols Herald speaks ({@code herald.v1}) and the check of what a handshake
 * offered: none offered keeps today's protocol; {@code herald.v1} among them is selected; only
 * unknown ones is a refusal, which the endpoint answers by opening and closing at once with {@link
 * io.herald.error.CloseCode#PROTOCOL_ERROR} (docs/protocol.md, "Subprotocol"). A handshake refusal
 * (400) was not chosen: a container selects the subprotocol after servlet filters have run, and
 * every container accepts an upgrade whose offers it cannot match.
 *
 * <p>Stateless; called by {@link WsServices.Endpoints} during each handshake and by {@link
 * HeraldSocket} on open.
 */
final class Subprotocols {
  /** The one version of Herald's frame protocol. */
  static final String V1 = "herald.v1";

  /** User-property key under which a handshake's refused offers reach the connection. */
  static final String REFUSED = "herald.subprotocol.refused";

  private static final String HEADER = "Sec-WebSocket-Protocol";

  private Subprotocols() {}

  /**
   * The subprotocols a handshake offered, from its {@code Sec-WebSocket-Protocol} headers (each may
   * carry a comma-separated list), in order.
   */
  static List<String> offered(Map<String, List<String>> headers) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey() != null && h.getKey().equalsIgnoreCase(HEADER) && h.getValue() != null) {
        for (String value : h.getValue()) {
          for (String token : value.split(",")) {
            if (!token.isBlank()) {
              out.add(token.strip());
            }
          }
        }
      }
    }
    return out;
  }

  /** What to refuse: the offers when there were some and none is {@link #V1}, else {@code null}. */
  static String refused(List<String> offered) {
    if (offered.isEmpty() || offered.contains(V1)) {
      return null;
    }
    return String.join(", ", offered);
  }
}
