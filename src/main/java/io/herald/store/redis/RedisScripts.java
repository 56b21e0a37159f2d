package io.herald.store.redis;

import io.herald.hub.HubUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The server-side scripts that keep the store consistent across instances, and the one place that
 * runs them and turns Redis failures into {@link HubUnavailableException}.
 *
 * <p>Layout under the prefix {@code P}: {@code P epoch} (string shared by all instances), {@code P
 * seq} (last id given), {@code P t:<topic>} (one stream per topic, entry ids {@code <seq>-0},
 * trimmed by count and age), {@code P evicted} (hash: per topic, the newest id trimmed, for gap
 * detection), {@code P log} (every message of every topic, ids {@code <seq>-0}, the feed all
 * instances tail), {@code P ages} (sorted set: per topic, a time (ms) no later than its oldest
 * entry, so expiry visits only topics with something to drop), {@code P reclaimed} (the newest id
 * of any topic removed once all of it had aged out; a topic {@code P evicted} does not name counts
 * as evicted up to it). Versions before {@code P ages} kept a set {@code P topics}; expiry moves it
 * into {@code P ages} a slice at a time, and Redis deletes it once empty.
 *
 * <p>Every script but expiry starts with {@link #PROLOGUE}: it creates the epoch when missing, and
 * starts a new one when the store is behind what this instance already saw in the same epoch (Redis
 * restarted from an older snapshot), so old cursors are recognised as foreign and clients are told
 * of a gap instead of silently receiving reused ids.
 *
 * <p>Thread-safe (stateless apart from the pooled client). Called by {@link RedisHistory} and
 * {@link RedisFeed}.
 */
final class RedisScripts {
  /** ARGV: 1 prefix, 2 fresh epoch, 3 known epoch, 4 highest seq known in it. */
  private static final String PROLOGUE =
      """
      local p = ARGV[1]
      local epoch = redis.call('GET', p .. 'epoch')
      local seq = tonumber(redis.call('GET', p .. 'seq') or '0')
      if (not epoch) or (epoch == ARGV[3] and seq < tonumber(ARGV[4])) then
        epoch = ARGV[2]
        redis.call('SET', p .. 'epoch', epoch)
      end
      """;

  static final String STATUS = PROLOGUE + "return {epoch, tostring(seq)}\n";

  /** ARGV 5 max per topic, 6 log length, 7 time (ms), then topic, event, data per message. */
  static final String APPEND =
      PROLOGUE
          + """
          local now = ARGV[7]
          for i = 8, #ARGV, 3 do
            local topic = ARGV[i]
            seq = seq + 1
            local id = string.format('%d-0', seq)
            local key = p .. 't:' .. topic
            redis.call('XADD', key, id, 'e', ARGV[i + 1], 'd', ARGV[i + 2], 't', now)
            local over = redis.call('XLEN', key) - tonumber(ARGV[5])
            if over > 0 then
              local old = redis.call('XRANGE', key, '-', '+', 'COUNT', over)
              local last = tonumber(string.match(old[#old][1], '^(%d+)'))
              redis.call('XTRIM', key, 'MINID', string.format('%d-0', last + 1))
              redis.call('HSET', p .. 'evicted', topic, string.format('%d', last))
            end
            redis.call('XADD', p .. 'log', 'MAXLEN', '~', ARGV[6], id,
              'x', epoch, 'topic', topic, 'e', ARGV[i + 1], 'd', ARGV[i + 2], 't', now)
            redis.call('ZADD', p .. 'ages', 'NX', now, topic)
          end
          redis.call('SET', p .. 'seq', string.format('%d', seq))
          return {epoch, string.format('%d', seq)}
          """;

  /**
   * ARGV 5 cursor epoch ('' for earliest), 6 cursor seq, 7 read no further than this seq, 8 oldest
   * time kept (ms), 9 most entries read per topic (a page), then topics. Returns epoch, seq, gap
   * topics, {topic, id, event, data, time}...
   */
  static final String READ =
      PROLOGUE
          + """
          local afterEpoch = ARGV[5]
          local afterSeq = tonumber(ARGV[6])
          local upTo = tonumber(ARGV[7])
          local oldest = tonumber(ARGV[8])
          local foreign = afterEpoch ~= '' and (afterEpoch ~= epoch or afterSeq > seq)
          local from = 0
          if afterEpoch ~= '' and not foreign then from = afterSeq end
          local gap, found = {}, {}
          local reclaimed = redis.call('GET', p .. 'reclaimed') or '0'
          for i = 10, #ARGV do
            local topic = ARGV[i]
            local key = p .. 't:' .. topic
            local evicted = tonumber(redis.call('HGET', p .. 'evicted', topic) or reclaimed)
            if from < upTo then
              local entries = redis.call('XRANGE', key,
                string.format('(%d-0', from), string.format('%d-0', upTo), 'COUNT', ARGV[9])
              for _, e in ipairs(entries) do
                local f = e[2]
                local id = tonumber(string.match(e[1], '^(%d+)'))
                if tonumber(f[6]) < oldest then
                  if id > evicted then evicted = id end
                else
                  table.insert(found, {topic, e[1], f[2], f[4], f[6]})
                end
              end
            end
            if foreign or (afterEpoch ~= '' and evicted > from) then
              table.insert(gap, topic)
            end
          end
          return {epoch, string.format('%d', seq), gap, found}
          """;

  /**
   * ARGV 1 prefix, 2 oldest time kept (ms), 3 most topics to visit. Trims by age the streams {@code
   * P ages} says hold something too old, and removes a topic left empty (its stream, its {@code P
   * evicted} and {@code P ages} entries, raising {@code P reclaimed} to its newest id). Returns 1
   * if more topics are due.
   */
  static final String EXPIRE =
      """
      local p = ARGV[1]
      local oldest = tonumber(ARGV[2])
      local slice = tonumber(ARGV[3])
      for _, topic in ipairs(redis.call('SPOP', p .. 'topics', slice)) do
        redis.call('ZADD', p .. 'ages', 'NX', 0, topic)
      end
      local due = redis.call('ZRANGEBYSCORE', p .. 'ages', '-inf', '(' .. ARGV[2],
        'LIMIT', 0, slice)
      for _, topic in ipairs(due) do
        local key = p .. 't:' .. topic
        local start, cut = '-', nil
        for round = 1, 1000 do
          local entries = redis.call('XRANGE', key, start, '+', 'COUNT', 100)
          local more = #entries == 100
          for _, e in ipairs(entries) do
            if tonumber(e[2][6]) < oldest then cut = e[1] else more = false break end
          end
          if not more then break end
          start = '(' .. cut
        end
        if cut then
          local last = tonumber(string.match(cut, '^(%d+)'))
          redis.call('XTRIM', key, 'MINID', string.format('%d-0', last + 1))
          redis.call('HSET', p .. 'evicted', topic, string.format('%d', last))
        end
        local first = redis.call('XRANGE', key, '-', '+', 'COUNT', 1)
        if #first > 0 then
          redis.call('ZADD', p .. 'ages', first[1][2][6], topic)
        else
          local gone = tonumber(redis.call('HGET', p .. 'evicted', topic) or '0')
          if gone > tonumber(redis.call('GET', p .. 'reclaimed') or '0') then
            redis.call('SET', p .. 'reclaimed', string.format('%d', gone))
          end
          redis.call('DEL', key)
          redis.call('HDEL', p .. 'evicted', topic)
          redis.call('ZREM', p .. 'ages', topic)
        end
      end
      if #due == slice then return 1 end
      return 0
      """;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> SHAS = new ConcurrentHashMap<>();

  private final UnifiedJedis jedis;
  private final String prefix;

  RedisScripts(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  UnifiedJedis jedis() {
    return jedis;
  }

  /**
   * Runs a script that starts with the prologue.
   *
   * @param knownEpoch the epoch this instance works in, or {@code null} if none yet
   * @param knownSeq the highest seq this instance saw in it
   */
  Object run(String script, String knownEpoch, long knownSeq, List<String> more) {
    List<String> args = new ArrayList<>(4 + more.size());
    args.add(prefix);
    args.add(Long.toString(RANDOM.nextLong() >>> 1, 36));
    args.add(knownEpoch == null ? "" : knownEpoch);
    args.add(Long.toString(knownSeq));
    args.addAll(more);
    return eval(script, args);
  }

  /** Runs a script with exactly these arguments. */
  Object eval(String script, List<String> args) {
    try {
      try {
        return jedis.evalsha(sha1(script), List.of(), args);
      } catch (JedisNoScriptException e) {
        // First use, or Redis restarted and forgot its script cache.
        return jedis.eval(script, List.of(), args);
      }
    } catch (JedisAccessControlException e) {
      throw new HubUnavailableException(
          "the message store (Redis) refused Herald's credentials ("
              + e.getMessage()
              + "); check the user and password in herald.redis.uri");
    } catch (JedisDataException e) {
      throw new IllegalStateException("Redis rejected a Herald script: " + e.getMessage(), e);
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  private static String sha1(String script) {
    return SHAS.computeIfAbsent(
        script,
        k -> {
          try {
            return HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-1").digest(k.getBytes(StandardCharsets.UTF_8)));
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  static HubUnavailableException unavailable(Exception e) {
    return new HubUnavailableException("the message store (Redis) is unreachable: " + describe(e));
  }

  /**
   * A failure's message and, when it has one, its root cause's: "could not connect" alone would
   * hide a refused certificate or host name.
   */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + " (" + root + ")";
  }
}
