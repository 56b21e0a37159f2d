package io.herald.example.orders;

/**
 * An order refused after it was stored and published in its transaction: being unchecked, it makes
 * the {@code @Transactional} method roll back. Thrown by {@link OrderService#placeThenReject}.
 */
public class OrderRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OrderRejectedException(String message) {
    super(message);
  }
}
