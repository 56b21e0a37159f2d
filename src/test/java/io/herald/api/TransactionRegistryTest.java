package io.herald.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.hub.Draft;
import jakarta.json.Json;
import jakarta.transaction.Status;
import java.util.ArrayList;
import java.util.List;
import javax.naming.NameNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * {@link TransactionRegistry} looks the registry up under its standard name when asked, keeps the
 * first one found, and answers {@code null} (tried again later) where the lookup fails, as on a
 * thread the container does not manage; {@link AfterCommit} then publishes at once.
 */
class TransactionRegistryTest {
  private final FakeTransactions transactions = new FakeTransactions();
  private final List<String> names = new ArrayList<>();
  private boolean bound;

  private final TransactionRegistry registry =
      new TransactionRegistry(
          name -> {
            names.add(name);
            if (!bound) {
              throw new NameNotFoundException(name);
            }
            return transactions;
          });

  @Test
  void aFailedLookupAnswersNullAndIsTriedAgainThenTheRegistryFoundIsKept() {
    assertNull(registry.get());
    assertNull(registry.get());

    bound = true;
    assertSame(transactions, registry.get());
    bound = false;
    assertSame(transactions, registry.get());

    assertEquals(
        List.of(
            "java:comp/TransactionSynchronizationRegistry",
            "java:comp/TransactionSynchronizationRegistry",
            "java:comp/TransactionSynchronizationRegistry"),
        names);
  }

  @Test
  void somethingElseUnderTheNameIsNoRegistry() {
    TransactionRegistry odd = new TransactionRegistry(name -> "not a registry");

    assertNull(odd.get());
  }

  @Test
  void publishAfterCommitWhereNoRegistryCanBeFoundPublishesAtOnce() {
    List<List<Draft>> published = new ArrayList<>();
    AfterCommit afterCommit = new AfterCommit(registry, published::add);
    Draft draft = Draft.of("orders/1", null, Json.createValue(1));

    assertFalse(afterCommit.publish(draft));

    assertEquals(List.of(List.of(draft)), published);
  }

  @Test
  void onceFoundATransactionHoldsThePublishBack() {
    List<List<Draft>> published = new ArrayList<>();
    AfterCommit afterCommit = new AfterCommit(registry, published::add);
    Draft draft = Draft.of("orders/1", null, Json.createValue(1));
    bound = true;
    transactions.begin();

    assertTrue(afterCommit.publish(draft));
    assertEquals(List.of(), published);

    transactions.end(Status.STATUS_COMMITTED);
    assertEquals(List.of(List.of(draft)), published);
  }
}
