package io.herald.store.redis;

import io.herald.hub.Cursor;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Message;
import io.herald.hub.StoreFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Tails the shared log in Redis and fans every message, whichever instance stored it, out to this
 * instance's subscribers in id order, with no gaps and no repeats. It is the only fan-out path in
 * the cluster, the local publisher's included, so every instance delivers one total order.
 *
 * <p>Reconnects to Redis by itself with backoff; meanwhile subscribers stay connected and the feed
 * resumes from the last id it delivered. When it cannot continue gaplessly (Redis lost data, so the
 * epoch changed; or this instance fell further behind than the log keeps) it drops every
 * subscriber, who then resume from their cursors through the history and are told of any gap.
 *
 * <p>All it sees of the hub is a {@link StoreFeed}. Runs on its own daemon thread; {@link #start}
 * and {@link #stop} are called by {@link RedisHistory}.
 */
final class RedisFeed implements Runnable {
  private static final Logger LOG = Logger.getLogger(RedisFeed.class.getName());
  static final int BLOCK_MS = 1000;
  private static final int BATCH = 500;
  private static final long MAX_BACKOFF_MS = 2000;

  private final RedisScripts scripts;
  private final RedisHistory history;
  private final StoreFeed hub;
  private final String logKey;
  private volatile boolean running = true;

  /** Whether the feed has failed since it started; its first failure is always logged. */
  private boolean failedOnce;

  private Thread thread;

  RedisFeed(RedisScripts scripts, RedisHistory history, StoreFeed hub) {
    this.scripts = scripts;
    this.history = history;
    this.hub = hub;
    this.logKey = scripts.prefix() + "log";
  }

  void start() {
    thread = new Thread(this, "herald-redis-feed");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(BLOCK_MS * 3L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void run() {
    long backoff = 50;
    boolean synced = false;
    while (running) {
      try {
        if (!synced) {
          sync();
          synced = true;
        }
        List<StreamEntry> entries = poll();
        if (!history.isAvailable()) {
          LOG.info("Redis reachable again; the feed continues from " + history.delivered());
        }
        history.available(true);
        backoff = 50;
        if (entries.isEmpty()) {
          // Idle: check the epoch now and then, in case Redis was wiped without us noticing.
          synced = false;
        } else {
          deliver(entries);
        }
      } catch (JedisException | HubUnavailableException e) {
        if (!running) {
          return;
        }
        if (history.isAvailable() || !failedOnce) {
          LOG.warning("Redis unreachable (" + RedisScripts.describe(e) + "); reconnecting");
        }
        history.available(false);
        failedOnce = true;
        synced = false;
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Redis feed failed; restarting it", e);
        synced = false;
        sleep(MAX_BACKOFF_MS);
      }
    }
  }

  /** Learns the store's epoch and newest id; starts over if the epoch changed. */
  private void sync() {
    List<?> r =
        (List<?>)
            scripts.run(RedisScripts.STATUS, history.knownEpoch(), history.knownSeq(), List.of());
    String epoch = (String) r.get(0);
    long seq = Long.parseLong((String) r.get(1));
    String known = history.knownEpoch();
    if (known == null) {
      // First contact: live from here; earlier messages are history.
      hub.received(List.of(), () -> history.restart(epoch, seq));
      history.available(true);
      LOG.info("Redis feed connected: epoch " + epoch + ", live from " + seq);
    } else if (!known.equals(epoch)) {
      LOG.warning("Redis lost Herald's messages (new epoch " + epoch + "); clients will resume");
      restart(epoch, seq);
    }
  }

  private List<StreamEntry> poll() {
    List<Map.Entry<String, List<StreamEntry>>> r =
        scripts
            .jedis()
            .xread(
                XReadParams.xReadParams().block(BLOCK_MS).count(BATCH),
                Map.of(logKey, new StreamEntryID(history.delivered(), 0)));
    if (r == null || r.isEmpty()) {
      return List.of();
    }
    return r.get(0).getValue();
  }

  private void deliver(List<StreamEntry> entries) {
    String epoch = history.knownEpoch();
    long next = history.delivered() + 1;
    List<Message> batch = new ArrayList<>(entries.size());
    for (StreamEntry e : entries) {
      Map<String, String> f = e.getFields();
      long seq = e.getID().getTime();
      if (seq != next || !epoch.equals(f.get("x"))) {
        flush(batch);
        if (!epoch.equals(f.get("x"))) {
          sync();
          if (epoch.equals(history.knownEpoch())) {
            restart(epoch, seq - 1);
          }
        } else {
          LOG.warning(
              "Redis feed fell behind the shared log (" + next + " trimmed); clients resume");
          restart(epoch, seq - 1);
        }
        return;
      }
      batch.add(
          new Message(
              new Cursor(epoch, seq),
              f.get("topic"),
              f.get("e"),
              f.get("d"),
              Instant.ofEpochMilli(Long.parseLong(f.get("t")))));
      next++;
    }
    flush(batch);
  }

  private void flush(List<Message> batch) {
    if (!batch.isEmpty()) {
      long last = batch.get(batch.size() - 1).seq();
      hub.received(List.copyOf(batch), () -> history.delivered(last));
      batch.clear();
    }
  }

  private void restart(String epoch, long seq) {
    hub.received(List.of(), () -> history.restart(epoch, seq));
    hub.lost();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
