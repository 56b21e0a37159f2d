package io.herald.api;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the platform's {@link TransactionSynchronizationRegistry} when it is first needed, under
 * its standard name {@value #NAME}, instead of by {@code @Resource} injection: injection resolves
 * the name when the bean is made, and a server may refuse {@code java:comp} on a thread it does not
 * manage (WildFly fails the whole bean with {@code WFLYWELD0049} when Herald's own threads are the
 * first to use it). A lookup that fails answers {@code null}, which {@link AfterCommit} treats as
 * "no transaction here, publish now" (a thread the container does not manage has none); it is tried
 * again next time, and the first registry found is kept (it is one per server).
 *
 * <p>Thread-safe. Used by {@link Herald} for {@link AfterCommit}.
 */
final class TransactionRegistry implements Supplier<TransactionSynchronizationRegistry> {
  /** The registry's name in every Jakarta EE server (Jakarta EE platform, "Transaction..."). */
  static final String NAME = "java:comp/TransactionSynchronizationRegistry";

  /** Looks a name up; throws when the name is not bound (on this thread). */
  @FunctionalInterface
  interface Lookup {
    Object lookup(String name) throws NamingException;
  }

  private final Lookup lookup;
  private volatile TransactionSynchronizationRegistry found;

  /** The registry through JNDI's initial context. */
  TransactionRegistry() {
    this(name -> new InitialContext().lookup(name));
  }

  /** For tests: the registry through {@code lookup}. */
  TransactionRegistry(Lookup lookup) {
    this.lookup = lookup;
  }

  /** The registry, or {@code null} if it cannot be found from this thread (or there is none). */
  @Override
  public TransactionSynchronizationRegistry get() {
    TransactionSynchronizationRegistry registry = found;
    if (registry != null) {
      return registry;
    }
    try {
      if (lookup.lookup(NAME) instanceof TransactionSynchronizationRegistry r) {
        found = r;
        return r;
      }
      return null;
    } catch (NamingException | RuntimeException e) {
      // No JNDI on this thread, or no transaction manager: nothing can be in a transaction here.
      return null;
    }
  }
}
