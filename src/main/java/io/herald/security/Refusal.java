package io.herald.security;

/**
 * Stands in as the principal of a WebSocket upgrade whose credentials were refused, so the endpoint
 * can open the connection and close it at once with code 1008 and a reason a browser can read (a
 * refused handshake only shows browsers a bare failure).
 *
 * <p>Immutable.
 *
 * @param code the {@link AuthenticationException#code()}
 * @param message the reason
 */
public record Refusal(String code, String message) implements java.security.Principal {
  @Override
  public String getName() {
    return null;
  }
}
