package io.herald.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.HubSettings;
import io.herald.hub.InMemoryHistory;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Message;
import io.herald.hub.ReadResult;
import jakarta.transaction.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Herald} answers {@link Published}, maps payloads with the mapping it is given (the
 * application's {@code Jsonb}, in the container), and holds {@code publishAfterCommit} back until
 * the (fake) transaction commits.
 */
class HeraldTest {
  private static final Instant NOW = Instant.parse("2026-11-26T01:00:00.123456Z");
  private final FakeTransactions transactions = new FakeTransactions();
  private final Hub hub =
      new Hub(
          new InMemoryHistory(100, Duration.ofHours(1)),
          new HubSettings(100, Duration.ofHours(1), 100, 1L << 20, 10, 1L << 20),
          Runnable::run,
          Clock.fixed(NOW, ZoneOffset.UTC),
          null);
  private final Herald herald = new Herald(hub, o -> o.toString(), transactions);

  /** A payload record, mapped by JSON-B. */
  public record Order(String orderId, int itemCount) {}

  private List<Message> stored() {
    ReadResult r = hub.read(List.of("orders/1", "orders/2"), "earliest");
    return r.messages();
  }

  @Test
  void publishAnswersAnApiRecordWithTheStoredId() {
    Published p = herald.publish("orders/1", "placed", 1);

    Message m = stored().get(0);
    assertEquals(
        new Published(
            m.id().toString(), "orders/1", "placed", Instant.parse("2026-11-26T01:00:00.123Z")),
        p);
    assertEquals("message", herald.publish("orders/1", 2).event());
  }

  @Test
  void publishAllAnswersInOrder() {
    List<Published> all =
        herald.publishAll(List.of(new Publish("orders/1", 1), new Publish("orders/2", "e", 2)));

    assertEquals(List.of("orders/1", "orders/2"), all.stream().map(Published::topic).toList());
    assertEquals(
        stored().stream().map(m -> m.id().toString()).toList(),
        all.stream().map(Published::id).toList());
  }

  @Test
  void theApplicationsJsonbMapsPayloads() {
    Function<Object, String> snake =
        o ->
            o instanceof Order order
                ? "{\"item_count\":"
                    + order.itemCount()
                    + ",\"order_id\":\""
                    + order.orderId()
                    + "\"}"
                : "null";
    new Herald(hub, snake, null).publish("orders/1", new Order("A7", 3));

    assertEquals("{\"item_count\":3,\"order_id\":\"A7\"}", stored().get(0).dataJson());
  }

  @Test
  void publishIsImmediateEvenInsideATransaction() {
    transactions.begin();
    herald.publish("orders/1", 1);

    assertEquals(1, stored().size());
    assertEquals(0, transactions.registered);
  }

  @Test
  void publishAfterCommitOutsideATransactionPublishesAtOnce() {
    herald.publishAfterCommit("orders/1", 1);

    assertEquals(1, stored().size());
  }

  @Test
  void publishAfterCommitWaitsForTheCommitThenStoresTheBatchInOrder() {
    transactions.begin();
    herald.publishAfterCommit("orders/1", "a", 1);
    herald.publishAfterCommit("orders/2", "b", 2);
    herald.publishAfterCommit("orders/1", "c", 3);

    assertEquals(List.of(), stored());
    assertEquals(1, transactions.registered, "one synchronization per transaction");

    transactions.end(Status.STATUS_COMMITTED);

    List<Message> stored = stored();
    assertEquals(List.of("a", "b", "c"), stored.stream().map(Message::event).toList());
    assertEquals(stored.get(0).seq() + 2, stored.get(2).seq(), "consecutive ids");
  }

  @Test
  void publishAfterCommitDropsEverythingOnRollback() {
    transactions.begin();
    herald.publishAfterCommit("orders/1", 1);
    transactions.end(Status.STATUS_ROLLEDBACK);

    assertEquals(List.of(), stored());

    transactions.begin();
    herald.publishAfterCommit("orders/1", 2);
    transactions.end(Status.STATUS_COMMITTED);
    assertEquals(List.of("2"), stored().stream().map(Message::dataJson).toList());
  }

  @Test
  void invalidInputThrowsToTheCallerBeforeAnythingIsHeldBack() {
    transactions.begin();

    assertThrows(InvalidInputException.class, () -> herald.publishAfterCommit("no spaces", "e", 1));
    assertEquals(0, transactions.registered);
  }

  @Test
  void aFailedPublishAfterCommitIsLoggedNotThrownToTheCommitter() {
    List<List<Draft>> tried = new java.util.ArrayList<>();
    AfterCommit failing =
        new AfterCommit(
            () -> transactions,
            drafts -> {
              tried.add(drafts);
              throw new IllegalStateException("hub stopped");
            });
    transactions.begin();
    failing.publish(new Draft("orders/1", "message", "1"));

    transactions.end(Status.STATUS_COMMITTED);

    assertEquals(List.of(List.of(new Draft("orders/1", "message", "1"))), tried);
  }
}
