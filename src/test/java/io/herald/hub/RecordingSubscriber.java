package io.herald.hub;

import java.util.ArrayList;
import java.util.List;

/** Test fake: records everything delivered, completes each batch at once. Thread-safe. */
class RecordingSubscriber implements Subscriber {
  private final List<Outbound> received = new ArrayList<>();
  private boolean overflowed;

  @Override
  public synchronized void deliver(List<Outbound> batch, Runnable done) {
    received.addAll(batch);
    notifyAll();
    done.run();
  }

  @Override
  public synchronized void overflowed() {
    overflowed = true;
    notifyAll();
  }

  synchronized boolean wasOverflowed() {
    return overflowed;
  }

  synchronized List<Outbound> received() {
    return List.copyOf(received);
  }

  synchronized List<Message> messages() {
    List<Message> out = new ArrayList<>();
    for (Outbound o : received) {
      if (o instanceof Message m) {
        out.add(m);
      }
    }
    return out;
  }

  /** Waits until at least {@code n} messages arrived, up to 10 s. */
  synchronized List<Message> awaitMessages(int n) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (messages().size() < n && System.nanoTime() < end) {
      wait(100);
    }
    return messages();
  }
}
