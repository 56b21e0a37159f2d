package io.herald.store.redis;

import io.herald.hub.HubUnavailableException;
import io.herald.hub.JsonP;
import io.herald.hub.Presence;
import io.herald.hub.PresenceBoard;
import io.herald.hub.PresenceChange;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Presence shared by every instance through Redis ({@link PresenceScripts} has the layout): each
 * instance keeps its own members per topic in a hash that expires {@link #TTL_MS} after it last
 * refreshed it (every {@link #REFRESH_MS}), so a crashed instance's members vanish within the TTL;
 * a topic's presence is the sum over live instances. Joins and leaves are published on a pub/sub
 * channel with the cluster-wide count and handed to every instance's tracker, this one's included.
 * Announcements are fire-and-forget: while Redis is unreachable they are lost (presence itself
 * recovers with the next refresh).
 *
 * <p>Bounds: one hash per live instance, one field per topic it holds, one member entry per
 * distinct subject subscribed on it; all expire with their instance.
 *
 * <p>Thread-safe. Created by {@link RedisStoreProducer}; started and called by the hub's presence
 * tracker; its subscription runs on its own daemon thread.
 */
final class RedisPresence implements PresenceBoard {
  private static final Logger LOG = Logger.getLogger(RedisPresence.class.getName());
  static final long TTL_MS = 30_000;
  static final long REFRESH_MS = 10_000;
  private static final int REFRESH_CHUNK = 500;

  private final RedisScripts scripts;
  private final String instance = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
  private final String channel;
  private final long ttlMs;
  private volatile boolean running = true;
  private volatile JedisPubSub subscription;
  private Thread thread;

  RedisPresence(RedisScripts scripts, long ttlMs) {
    this.scripts = scripts;
    this.ttlMs = ttlMs;
    this.channel = scripts.prefix() + "presence";
  }

  /** This instance's name in Redis (random per start). */
  String instance() {
    return instance;
  }

  @Override
  public synchronized void start(
      Sink sink, Supplier<List<Presence>> snapshot, ScheduledExecutorService timer) {
    thread = new Thread(() -> listen(sink), "herald-redis-presence");
    thread.setDaemon(true);
    thread.start();
    long every = Math.max(1, Math.min(REFRESH_MS, ttlMs / 3));
    timer.scheduleWithFixedDelay(() -> refresh(snapshot), 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    running = false;
    JedisPubSub s = subscription;
    if (s != null && s.isSubscribed()) {
      try {
        s.unsubscribe();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "unsubscribing from presence failed", e);
      }
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public void publish(Presence local, List<PresenceChange> changes, Sink sink) {
    JsonArrayBuilder list = JsonP.PROVIDER.createArrayBuilder();
    for (PresenceChange c : changes) {
      JsonArrayBuilder one = JsonP.PROVIDER.createArrayBuilder().add(c.joined());
      list.add(c.identity() == null ? one.addNull() : one.add(c.identity()));
    }
    String event =
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("topic", local.topic())
            .add("changes", list)
            .build()
            .toString()
            .substring(1);
    scripts.eval(
        PresenceScripts.PUBLISH,
        List.of(
            scripts.prefix(),
            instance,
            Long.toString(System.currentTimeMillis()),
            Long.toString(ttlMs),
            local.topic(),
            local.count() == 0 ? "" : encode(local),
            event));
  }

  @Override
  public Presence presence(Presence local) {
    List<?> snapshots =
        (List<?>)
            scripts.eval(
                PresenceScripts.READ,
                List.of(
                    scripts.prefix(),
                    instance,
                    Long.toString(System.currentTimeMillis()),
                    Long.toString(ttlMs),
                    local.topic()));
    int count = 0;
    TreeSet<String> members = new TreeSet<>();
    for (Object s : snapshots) {
      JsonArray a = parse((String) s).asJsonArray();
      count += a.getInt(0);
      for (int i = 1; i < a.size(); i++) {
        members.add(a.getString(i));
      }
    }
    return new Presence(local.topic(), count, List.copyOf(members));
  }

  /** Rewrites this instance's hash from its presence now and keeps it alive. On the timer. */
  void refresh(Supplier<List<Presence>> snapshot) {
    try {
      List<Presence> all = snapshot.get();
      boolean first = true;
      int at = 0;
      do {
        List<String> args = new ArrayList<>();
        args.add(scripts.prefix());
        args.add(instance);
        args.add(Long.toString(System.currentTimeMillis()));
        args.add(Long.toString(ttlMs));
        args.add(first ? "1" : "0");
        for (int n = 0; at < all.size() && n < REFRESH_CHUNK; at++) {
          Presence p = all.get(at);
          if (p.count() > 0) {
            args.add(p.topic());
            args.add(encode(p));
            n++;
          }
        }
        scripts.eval(PresenceScripts.REFRESH, args);
        first = false;
      } while (at < all.size());
    } catch (HubUnavailableException | IllegalStateException e) {
      LOG.log(Level.FINE, "refreshing presence in Redis failed", e);
    }
  }

  private void listen(Sink sink) {
    long backoff = 50;
    while (running) {
      JedisPubSub s =
          new JedisPubSub() {
            @Override
            public void onMessage(String from, String message) {
              deliver(sink, message);
            }
          };
      subscription = s;
      try {
        scripts.jedis().subscribe(s, channel);
        backoff = 50;
      } catch (JedisException e) {
        if (!running) {
          return;
        }
        LOG.log(Level.FINE, "presence subscription lost; resubscribing", e);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException stop) {
          return;
        }
        backoff = Math.min(2000, backoff * 2);
      }
    }
  }

  private static void deliver(Sink sink, String message) {
    try {
      JsonObject o = parse(message).asJsonObject();
      List<PresenceChange> changes = new ArrayList<>();
      for (JsonValue v : o.getJsonArray("changes")) {
        JsonArray c = v.asJsonArray();
        JsonValue id = c.get(1);
        changes.add(
            new PresenceChange(c.getBoolean(0), id instanceof JsonString s ? s.getString() : null));
      }
      sink.changed(o.getString("topic"), ((JsonNumber) o.get("count")).intValue(), changes);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "ignoring a malformed presence announcement", e);
    }
  }

  /** This instance's presence on one topic as stored: {@code [count,"member",…]}. */
  static String encode(Presence p) {
    JsonArrayBuilder a = JsonP.PROVIDER.createArrayBuilder().add(p.count());
    p.members().forEach(a::add);
    return a.build().toString();
  }

  private static JsonValue parse(String json) {
    try (var r = JsonP.reader(json)) {
      return r.readValue();
    }
  }
}
