package io.herald.store.redis;

import io.herald.hub.Cursor;
import io.herald.hub.Draft;
import io.herald.hub.History;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Message;
import io.herald.hub.Page;
import io.herald.hub.ReadResult;
import io.herald.hub.StoreFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history shared by every instance through Redis: ids come from one cluster-wide sequence,
 * topics are Redis streams bounded by count and age, and the epoch in cursors is stored in Redis so
 * a cursor from one instance resumes on any other.
 *
 * <p>Stored messages reach local subscribers only through {@link RedisFeed} ({@link #feedsBack()}),
 * which tails the shared log in id order; this instance's {@link #position()} is the newest message
 * the feed delivered, and {@link #read} returns nothing past it, so a replay joins the live stream
 * exactly where the feed stands, as with the in-memory history.
 *
 * <p>Thread-safety: the hub calls it under its sequencer lock, except {@link #append}, which is
 * thread-safe (Redis orders concurrent appends); the feed updates the position under the same lock
 * (through {@code StoreFeed.received}). {@link #isAvailable()} may be read from any thread.
 */
public final class RedisHistory implements History {
  private static final Logger LOG = Logger.getLogger(RedisHistory.class.getName());

  /** Most topics one expiry script visits; each is one Redis call under the hub's lock. */
  static final int EXPIRY_SLICE = 100;

  private final RedisScripts scripts;
  private final int maxCount;
  private final Duration maxAge;
  private final int logMax;
  private volatile String epoch;
  private volatile long delivered;
  private final AtomicLong appended = new AtomicLong();
  private volatile boolean available;
  private RedisFeed feed;

  /**
   * @param scripts the Redis client and key prefix
   * @param maxCount most messages kept per topic
   * @param maxAge oldest message kept
   * @param logMax about how many messages the shared log keeps for instances catching up
   */
  RedisHistory(RedisScripts scripts, int maxCount, Duration maxAge, int logMax) {
    if (maxCount < 1 || maxAge.isNegative() || maxAge.isZero() || logMax < 1) {
      throw new IllegalArgumentException("history limits must be positive");
    }
    this.scripts = scripts;
    this.maxCount = maxCount;
    this.maxAge = maxAge;
    this.logMax = logMax;
  }

  @Override
  public boolean feedsBack() {
    return true;
  }

  /** Starts the feed that hands every stored message to the hub's {@code feed}. */
  @Override
  public synchronized void start(StoreFeed hubFeed) {
    if (feed == null) {
      feed = new RedisFeed(scripts, this, hubFeed);
      feed.start();
    }
  }

  /** Stops the feed; called on undeploy. */
  synchronized void stop() {
    if (feed != null) {
      feed.stop();
    }
  }

  @Override
  public String epoch() {
    String e = epoch;
    if (e == null) {
      throw new HubUnavailableException("the message store (Redis) has not been reached yet");
    }
    return e;
  }

  @Override
  public Cursor position() {
    return new Cursor(epoch(), delivered);
  }

  @Override
  public List<Message> append(List<Draft> drafts, Instant now) {
    List<String> args = new ArrayList<>(3 + 3 * drafts.size());
    args.add(Integer.toString(maxCount));
    args.add(Integer.toString(logMax));
    args.add(Long.toString(now.toEpochMilli()));
    for (Draft d : drafts) {
      args.add(d.topic());
      args.add(d.event());
      args.add(d.dataJson());
    }
    List<?> r = call(RedisScripts.APPEND, args);
    String e = (String) r.get(0);
    long last = Long.parseLong((String) r.get(1));
    if (e.equals(epoch)) {
      appended.accumulateAndGet(last, Math::max);
    }
    List<Message> stored = new ArrayList<>(drafts.size());
    long seq = last - drafts.size();
    for (Draft d : drafts) {
      stored.add(new Message(new Cursor(e, ++seq), d.topic(), d.event(), d.dataJson(), now));
    }
    return stored;
  }

  @Override
  public ReadResult read(List<String> topics, Cursor after, Instant now, Page page) {
    String mine = epoch();
    long upTo = delivered;
    List<String> args = new ArrayList<>(7 + topics.size());
    args.add(after == null ? "" : after.epoch());
    args.add(after == null ? "0" : Long.toString(after.seq()));
    args.add(Long.toString(upTo));
    args.add(Long.toString(now.minus(maxAge).toEpochMilli()));
    args.add(Integer.toString(page.limit()));
    args.add(Long.toString(page.maxBytes()));
    args.add(page.reverse() ? "1" : "0");
    args.addAll(topics);
    List<?> r = call(RedisScripts.READ, args);
    if (!mine.equals(r.get(0))) {
      throw new HubUnavailableException("the message store (Redis) restarted; try again");
    }
    long stored = Long.parseLong((String) r.get(1));
    List<String> gap = new ArrayList<>();
    for (Object t : (List<?>) r.get(2)) {
      gap.add((String) t);
    }
    List<Message> found = new ArrayList<>();
    for (Object o : (List<?>) r.get(3)) {
      List<?> m = (List<?>) o;
      String id = (String) m.get(1);
      long seq = Long.parseLong(id.substring(0, id.indexOf('-')));
      found.add(
          new Message(
              new Cursor(mine, seq),
              (String) m.get(0),
              (String) m.get(2),
              (String) m.get(3),
              Instant.ofEpochMilli(Long.parseLong((String) m.get(4)))));
    }
    // The script estimates sizes; the exact cut is the page's.
    List<Message> kept = page.cut(found);
    boolean more = "1".equals(r.get(4)) || kept.size() < found.size();
    if (more) {
      return new ReadResult(
          List.copyOf(kept), kept.get(kept.size() - 1).id(), List.copyOf(gap), true);
    }
    boolean foreign = after != null && (!after.epoch().equals(mine) || after.seq() > stored);
    // A cursor from an instance whose feed is ahead of ours stays where it is: going back would
    // replay what the client already has.
    long at = after != null && !foreign && !page.reverse() ? Math.max(upTo, after.seq()) : upTo;
    return new ReadResult(List.copyOf(kept), new Cursor(mine, at), List.copyOf(gap));
  }

  /**
   * Trims and reclaims {@link #EXPIRY_SLICE} topics per call. {@code held} is not consulted: other
   * instances' subscribers are unknown here, and an emptied topic's stream holds nothing a
   * subscriber needs ({@code P reclaimed} keeps its gaps, and the next append recreates it).
   */
  @Override
  public boolean expire(Instant now, Predicate<String> held) {
    try {
      Object more =
          scripts.eval(
              RedisScripts.EXPIRE,
              List.of(
                  scripts.prefix(),
                  Long.toString(now.minus(maxAge).toEpochMilli()),
                  Integer.toString(EXPIRY_SLICE)));
      return Long.valueOf(1).equals(more);
    } catch (HubUnavailableException e) {
      // Runs on a timer: the next round trims what this one could not.
      LOG.log(Level.FINE, "history expiry skipped", e);
      return false;
    }
  }

  /** Whether Redis answered the last command and the feed is connected; for readiness checks. */
  @Override
  public boolean isAvailable() {
    return available && epoch != null;
  }

  void available(boolean now) {
    available = now;
  }

  /** The epoch this instance works in, {@code null} before Redis was first reached. */
  String knownEpoch() {
    return epoch;
  }

  /** The highest id this instance saw in its epoch. */
  long knownSeq() {
    return Math.max(delivered, appended.get());
  }

  /** The newest id the feed delivered. */
  long delivered() {
    return delivered;
  }

  /** Called by the feed, under the hub's lock, after fanning out up to {@code seq}. */
  void delivered(long seq) {
    delivered = seq;
  }

  /** Called by the feed, under the hub's lock, when it starts over in a (possibly new) epoch. */
  void restart(String newEpoch, long seq) {
    epoch = newEpoch;
    delivered = seq;
    appended.set(seq);
  }

  private List<?> call(String script, List<String> args) {
    try {
      Object r = scripts.run(script, epoch, knownSeq(), args);
      available = true;
      return (List<?>) r;
    } catch (HubUnavailableException e) {
      available = false;
      throw e;
    }
  }
}
