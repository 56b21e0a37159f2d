package io.herald.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.api.ClientConnected;
import io.herald.api.ClientDisconnected;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Connection events reach observers in order on their own thread, and are not queued at all when no
 * application observes them.
 */
class ConnectionEventsTest {
  private final List<Object> fired = new CopyOnWriteArrayList<>();

  @Test
  void observedEventsAreFiredInOrder() throws Exception {
    ConnectionEvents events = events(Set.of(ClientConnected.class, ClientDisconnected.class));
    CountDownLatch done = new CountDownLatch(1);
    events.connected = recording(done, 2);
    events.disconnected = recording(done, 2);
    events.start();
    try {
      events.connected("websocket", "alice", "10.0.0.1");
      events.disconnected("websocket", "alice", "10.0.0.1", "client-closed");

      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(
          List.of(
              new ClientConnected("websocket", "alice", "10.0.0.1"),
              new ClientDisconnected("websocket", "alice", "10.0.0.1", "client-closed")),
          fired);
    } finally {
      events.stop();
    }
  }

  @Test
  void unobservedEventsAreNotFired() throws Exception {
    ConnectionEvents events = events(Set.of(ClientDisconnected.class));
    CountDownLatch done = new CountDownLatch(1);
    events.connected = recording(done, 1);
    events.disconnected = recording(done, 1);
    events.start();
    try {
      events.connected("sse", null, "::1");
      events.disconnected("sse", null, "::1", "server-closed");

      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(List.of(new ClientDisconnected("sse", null, "::1", "server-closed")), fired);
    } finally {
      events.stop();
    }
  }

  /** Events whose observers resolve to one observer when their type is in {@code observed}. */
  private static ConnectionEvents events(Set<Class<?>> observed) {
    ConnectionEvents events = new ConnectionEvents();
    events.beans =
        (BeanManager)
            Proxy.newProxyInstance(
                BeanManager.class.getClassLoader(),
                new Class<?>[] {BeanManager.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("resolveObserverMethods")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  Set<ObserverMethod<?>> none = Set.of();
                  return observed.contains(args[0].getClass()) ? Set.of(observer()) : none;
                });
    return events;
  }

  private static ObserverMethod<?> observer() {
    return (ObserverMethod<?>)
        Proxy.newProxyInstance(
            ObserverMethod.class.getClassLoader(),
            new Class<?>[] {ObserverMethod.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /** An {@link Event} that records what is fired and counts {@code done} down at the n-th. */
  @SuppressWarnings("unchecked")
  private <T> Event<T> recording(CountDownLatch done, int n) {
    return (Event<T>)
        Proxy.newProxyInstance(
            Event.class.getClassLoader(),
            new Class<?>[] {Event.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("fire")) {
                throw new UnsupportedOperationException(method.getName());
              }
              fired.add(args[0]);
              if (fired.size() == n) {
                done.countDown();
              }
              return null;
            });
  }
}
