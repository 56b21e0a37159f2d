package io.herald.example.orders;

import io.herald.api.Publish;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Places orders: each in one JTA transaction that stores the order and publishes it to {@code
 * orders/{id}} (its watchers) and {@code orders} (the live list) through {@code Event<Publish>}.
 * Herald delivers a publish fired inside a transaction only after it commits, and drops it on
 * rollback. Thread-safe (container-managed, stateless). Called by {@link OrdersResource}.
 */
@ApplicationScoped
public class OrderService {
  /** The topic of the live list of orders. */
  public static final String FEED = "orders";

  @PersistenceContext private EntityManager em;
  @Inject private Event<Publish> bus;

  /** Stores the order and publishes it; both happen when the transaction commits. */
  @Transactional
  public OrderView place(String id, String item, int quantity) {
    Order order = new Order(id, item, quantity);
    em.persist(order);
    em.flush();
    OrderView view = OrderView.of(order);
    bus.fire(new Publish(topic(id), "placed", view));
    bus.fire(new Publish(FEED, "placed", view));
    return view;
  }

  /**
   * Stores and publishes the order like {@link #place}, then refuses it: the transaction rolls
   * back, so the order is neither stored nor delivered.
   */
  @Transactional
  public OrderView placeThenReject(String id, String item, int quantity) {
    place(id, item, quantity);
    throw new OrderRejectedException("order " + id + " rejected: out of stock");
  }

  /** Every stored order, oldest first. */
  public List<OrderView> all() {
    return em
        .createQuery("select o from Order o order by o.placed", Order.class)
        .getResultList()
        .stream()
        .map(OrderView::of)
        .toList();
  }

  /** The topic an order is published to. */
  public static String topic(String id) {
    return "orders/" + id;
  }
}
