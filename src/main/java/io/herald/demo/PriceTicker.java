package io.herald.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated prices: a random walk per symbol, two decimals. Each {@link #next()} moves one symbol.
 *
 * <p>Not thread-safe; {@link DemoPublishers} calls it from its one scheduler thread.
 */
public final class PriceTicker {
  private static final List<String> SYMBOLS = List.of("HRLD", "JAKT", "PYRA", "MICR");

  private final SplittableRandom random;
  private final Map<String, Double> prices = new LinkedHashMap<>();
  private int turn;

  public PriceTicker(long seed) {
    random = new SplittableRandom(seed);
    double start = 100;
    for (String s : SYMBOLS) {
      prices.put(s, start);
      start += 37.5;
    }
  }

  /** The next tick: {@code symbol}, {@code price}, {@code change} (from the previous price). */
  public Tick next() {
    String symbol = SYMBOLS.get(turn++ % SYMBOLS.size());
    double old = prices.get(symbol);
    double price = Math.max(1, Math.round(old * (1 + random.nextGaussian() * 0.004) * 100) / 100.0);
    prices.put(symbol, price);
    return new Tick(symbol, price, Math.round((price - old) * 100) / 100.0);
  }

  /**
   * One price change, published as JSON.
   *
   * @param symbol ticker symbol
   * @param price new price
   * @param change difference from the previous price
   */
  public record Tick(String symbol, double price, double change) {}
}
