package io.herald.bench;

/**
 * The reconnect storm against Herald's WebSocket: {@code stormClients} subscribed while messages
 * flow; after two seconds every connection is cut at once and each client reconnects straight away,
 * resuming from the id of the last message it had. Clients that failed to set up before the storm
 * are counted apart and left out of it. Counts time to 99% and 100% resubscribed and every message
 * lost, duplicated or reordered across the whole run.
 *
 * <p>Called by the orchestrator thread.
 */
final class Storms {
  private static final double RATE = 5;
  private static final double SECONDS = 12;

  private Storms() {}

  static Storm run(Target target, long origin, Plan plan, long base) throws Exception {
    Tally tally = new Tally(origin);
    int n = plan.stormClients();
    try (Fleet fleet = new Fleet(target, tally, plan.shortPollMillis())) {
      fleet.resume = true;
      Fleet.Opened opened = fleet.open(n, 300_000);
      if (opened.failed() > 0) {
        Bench.log(target.name() + ": storm with " + opened.ready() + "/" + n + " set up");
      }
      int resuming = opened.ready();
      int count = (int) (RATE * SECONDS);
      fleet.onLoop(
          () -> {
            tally.reset(base, count);
            return null;
          });
      Publisher publisher = new Publisher(target, origin);
      Thread pub =
          new Thread(
              () -> publisher.run(base, count, RATE, 64, System.nanoTime() + 120_000_000_000L),
              "storm-publisher");
      pub.start();
      Thread.sleep(2000);
      long cut = System.nanoTime();
      fleet.onLoop(fleet::cutAll);
      long to99 = -1;
      long to100 = -1;
      long deadline = cut + 60_000_000_000L;
      while (System.nanoTime() < deadline && to100 < 0) {
        int ready = fleet.onLoop(() -> fleet.ready);
        long ms = (System.nanoTime() - cut) / 1_000_000;
        if (to99 < 0 && ready >= resuming * 0.99) {
          to99 = ms;
        }
        if (ready >= resuming) {
          to100 = ms;
        }
        Thread.sleep(10);
      }
      pub.join(130_000);
      long expected = (long) resuming * count;
      long drainUntil = System.nanoTime() + plan.drainMillis() * 1_000_000L;
      while (System.nanoTime() < drainUntil && fleet.onLoop(tally::delivered) < expected) {
        Thread.sleep(20);
      }
      long delivered = fleet.onLoop(tally::delivered);
      return new Storm(
          target.name(),
          n,
          opened.failed(),
          to99,
          to100,
          expected,
          expected - delivered,
          fleet.onLoop(tally::duplicates),
          fleet.onLoop(tally::reordered));
    }
  }
}
