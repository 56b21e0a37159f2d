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
  /** What {@link #getName()} answers, the same for every refusal. */
  public static final String NAME = "refused credentials";

  /**
   * Never null: GlassFish 7 builds its own security context from the principal of the request a
   * filter passes on, before every later filter, and a null name there broke the upgrade with 500
   * ("InvocationException: BeforeSize is null") instead of letting the endpoint close with 1008.
   */
  @Override
  public String getName() {
    return NAME;
  }
}
