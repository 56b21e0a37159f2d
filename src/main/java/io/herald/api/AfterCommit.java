package io.herald.api;

import io.herald.hub.Draft;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds back what is published inside a JTA transaction until it commits: the first publish in a
 * transaction registers one interposed synchronization, later ones join its batch, and on commit
 * the batch is stored atomically in the order it was published (consecutive ids). On rollback it is
 * dropped. Outside a transaction (or with no transaction manager, or none reachable from the
 * calling thread) it publishes at once.
 *
 * <p>Thread-safe: the batch is per transaction, and a transaction runs on one thread at a time.
 * Called by {@link Herald#publishAfterCommit}.
 */
final class AfterCommit {
  private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

  private final Supplier<TransactionSynchronizationRegistry> transactions;
  private final Consumer<List<Draft>> publisher;

  /**
   * @param transactions answers the platform's registry, or {@code null} when there is none (or it
   *     cannot be reached from the calling thread)
   * @param publisher stores a batch atomically
   */
  AfterCommit(
      Supplier<TransactionSynchronizationRegistry> transactions, Consumer<List<Draft>> publisher) {
    this.transactions = transactions;
    this.publisher = publisher;
  }

  /**
   * Publishes {@code draft} after the current transaction commits, or now if there is none.
   *
   * @return whether it was held back for a transaction
   */
  boolean publish(Draft draft) {
    TransactionSynchronizationRegistry transactions = this.transactions.get();
    if (transactions == null || transactions.getTransactionKey() == null) {
      publisher.accept(List.of(draft));
      return false;
    }
    @SuppressWarnings("unchecked")
    Batch batch = (Batch) transactions.getResource(this);
    if (batch == null) {
      batch = new Batch();
      // Registered before it is remembered: if the transaction can no longer take it, the firer
      // gets the IllegalStateException and nothing is held.
      transactions.registerInterposedSynchronization(batch);
      transactions.putResource(this, batch);
    }
    batch.drafts.add(draft);
    return true;
  }

  /** One transaction's publishes. */
  private final class Batch implements Synchronization {
    final List<Draft> drafts = new ArrayList<>();

    @Override
    public void beforeCompletion() {}

    @Override
    public void afterCompletion(int status) {
      if (status != Status.STATUS_COMMITTED) {
        return;
      }
      try {
        publisher.accept(List.copyOf(drafts));
      } catch (RuntimeException e) {
        // The transaction has committed: there is no one left to throw to.
        LOG.log(
            Level.SEVERE,
            e,
            () -> "publishing " + drafts.size() + " message(s) after commit failed");
      }
    }
  }
}
