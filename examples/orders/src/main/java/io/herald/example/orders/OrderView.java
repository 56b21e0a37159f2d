package io.herald.example.orders;

/**
 * What the application shows of an order: in its JSON answers and in the messages it publishes.
 * Immutable.
 *
 * @param placed when it was placed, ISO-8601
 */
public record OrderView(String id, String item, int quantity, String placed) {

  static OrderView of(Order o) {
    return new OrderView(o.getId(), o.getItem(), o.getQuantity(), o.getPlaced().toString());
  }
}
