package io.herald.it.app;

import io.herald.api.ClientConnected;
import io.herald.api.ClientDisconnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: records {@link ClientConnected} and {@link ClientDisconnected} as lines {@code
 * connected transport caller address thread} / {@code disconnected transport caller reason thread};
 * {@link ConnectionLogResource} answers those of one caller.
 */
@ApplicationScoped
public class ConnectionLog {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  void connected(@Observes ClientConnected c) {
    lines.add(
        String.join(
            " ",
            "connected",
            c.transport(),
            c.caller(),
            c.address(),
            Thread.currentThread().getName()));
  }

  void disconnected(@Observes ClientDisconnected d) {
    lines.add(
        String.join(
            " ",
            "disconnected",
            d.transport(),
            d.caller(),
            d.reason(),
            Thread.currentThread().getName()));
  }

  /** The lines for {@code caller}, oldest first. */
  public List<String> of(String caller) {
    return lines.stream().filter(l -> l.split(" ")[2].equals(caller)).toList();
  }
}
