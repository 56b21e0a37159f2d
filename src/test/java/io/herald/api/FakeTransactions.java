package io.herald.api;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction synchronization registry for one thread: {@link #begin} starts a transaction,
 * {@link #end} completes it with a status and runs the synchronizations as a JTA manager would. Not
 * thread-safe; tests only.
 */
final class FakeTransactions implements TransactionSynchronizationRegistry {
  private Object key;
  private final Map<Object, Object> resources = new HashMap<>();
  private final List<Synchronization> synchronizations = new ArrayList<>();
  int registered;

  void begin() {
    key = new Object();
  }

  /** Completes the transaction with {@code status}, e.g. {@link Status#STATUS_COMMITTED}. */
  void end(int status) {
    for (Synchronization s : synchronizations) {
      s.beforeCompletion();
    }
    key = null;
    resources.clear();
    List<Synchronization> done = List.copyOf(synchronizations);
    synchronizations.clear();
    for (Synchronization s : done) {
      s.afterCompletion(status);
    }
  }

  @Override
  public Object getTransactionKey() {
    return key;
  }

  @Override
  public void putResource(Object k, Object value) {
    resources.put(k, value);
  }

  @Override
  public Object getResource(Object k) {
    return resources.get(k);
  }

  @Override
  public void registerInterposedSynchronization(Synchronization sync) {
    if (key == null) {
      throw new IllegalStateException("no transaction");
    }
    registered++;
    synchronizations.add(sync);
  }

  @Override
  public int getTransactionStatus() {
    return key == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
  }

  @Override
  public void setRollbackOnly() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean getRollbackOnly() {
    return false;
  }
}
