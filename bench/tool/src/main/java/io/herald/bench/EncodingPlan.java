package io.herald.bench;

/**
 * The encoding-cost scenario's size: {@code rounds} times, each {@link Encoding} in turn gets
 * {@code clients} Herald WebSocket subscribers and {@code rate} messages/s of {@code payload} bytes
 * for {@code seconds}, after a short unmeasured warm-up. Rounds interleave the encodings so a burst
 * of load from elsewhere on the machine does not land on one encoding only.
 *
 * @param clients subscribers per encoding
 * @param rate messages published per second
 * @param seconds measured publishing time per step
 * @param payload message data size in bytes
 * @param rounds how many times each encoding is measured (the report takes the median)
 */
record EncodingPlan(int clients, double rate, double seconds, int payload, int rounds) {

  /**
   * The full run's plan, or in smoke mode none (0 rounds: the default build's smoke keeps its time)
   * unless {@code asked} (an encoding target named in {@code --only}), then a small one.
   */
  static EncodingPlan of(String mode, int maxClients, boolean asked) {
    if (mode.equals("full")) {
      return new EncodingPlan(Math.min(1_000, maxClients), 10, 5, 1024, 3);
    }
    return new EncodingPlan(Math.min(200, maxClients), 20, 2, 1024, asked ? 1 : 0);
  }
}
