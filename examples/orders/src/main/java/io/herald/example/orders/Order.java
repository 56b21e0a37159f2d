package io.herald.example.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An order, stored with JPA on the server's default datasource. Its id is the order number the
 * client chose (so a client can watch {@code orders/{id}} before it places the order). A JPA
 * entity: not thread-safe, used inside one transaction by {@link OrderService}.
 */
@Entity
@Table(name = "ORDERS") // ORDER is an SQL keyword.
public class Order {
  @Id private String id;
  private String item;
  private int quantity;
  private Instant placed;

  /** For JPA. */
  protected Order() {}

  /** A new order, placed now. */
  public Order(String id, String item, int quantity) {
    this.id = id;
    this.item = item;
    this.quantity = quantity;
    this.placed = Instant.now();
  }

  public String getId() {
    return id;
  }

  public String getItem() {
    return item;
  }

  public int getQuantity() {
    return quantity;
  }

  public Instant getPlaced() {
    return placed;
  }
}
