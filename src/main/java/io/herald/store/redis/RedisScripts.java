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
   * ARGV 5 cursor epoch ('' for none), 6 cursor seq, 7 read no further than this seq, 8 oldest time
   * kept (ms), 9 most messages, 10 about most bytes, 11 '1' for newest first, then topics. Returns
   * epoch, seq, gap topics, {topic, id, event, data, time}... in the page's order, and '1' when the
   * page was full. Each topic's stream is read in small chunks and merged by id, so no more than a
   * page (plus one chunk per topic) is ever read, however long the streams are.
   */
  static final String READ =
      PROLOGUE
          + """
          local afterEpoch = ARGV[5]
          local afterSeq = tonumber(ARGV[6])
          local upTo = tonumber(ARGV[7])
          local oldest = tonumber(ARGV[8])
          local limit = tonumber(ARGV[9])
          local maxBytes = tonumber(ARGV[10])
          local reverse = ARGV[11] == '1'
          local foreign = afterEpoch ~= '' and (afterEpoch ~= epoch or afterSeq > seq)
          local from = nil
          if afterEpoch ~= '' and not foreign then from = afterSeq end
          local chunk = 16
          local gap, heads = {}, {}
          -- P reclaimed: newest id of the topics expiry removed whole; a topic P evicted does not
          -- name counts as evicted up to it.
          local reclaimed = redis.call('GET', p .. 'reclaimed') or '0'
          local function fill(h)
            while h.i > #h.buf and not h.done do
              local entries
              if reverse then
                entries = redis.call('XREVRANGE', h.key, h.bound, '-', 'COUNT', chunk)
              else
                entries = redis.call('XRANGE', h.key, h.bound, string.format('%d-0', upTo),
                  'COUNT', chunk)
              end
              h.buf, h.i = {}, 1
              if #entries < chunk then h.done = true end
              for _, e in ipairs(entries) do
                h.bound = '(' .. e[1]
                local id = tonumber(string.match(e[1], '^(%d+)'))
                if tonumber(e[2][6]) < oldest then
                  if id > h.evicted then h.evicted = id end
                  -- Newest first, everything older is past the age limit too.
                  if reverse then h.done = true break end
                else
                  table.insert(h.buf, {id, e})
                end
              end
            end
          end
          for i = 12, #ARGV do
            local topic = ARGV[i]
            local h = {topic = topic, key = p .. 't:' .. topic, buf = {}, i = 1, done = false,
              evicted = tonumber(redis.call('HGET', p .. 'evicted', topic) or reclaimed)}
            if reverse then
              local top = upTo
              if from and from - 1 < top then top = from - 1 end
              h.bound = string.format('%d-0', top)
              if top < 1 then h.done = true end
            else
              h.bound = string.format('(%d-0', from or 0)
              if (from or 0) >= upTo then h.done = true end
            end
            fill(h)
            if not reverse and (foreign or (from and h.evicted > from)) then
              table.insert(gap, topic)
            end
            table.insert(heads, h)
          end
          local found, bytes, more = {}, 0, '0'
          while true do
            local best = nil
            for _, h in ipairs(heads) do
              fill(h)
              if h.i <= #h.buf then
                local id = h.buf[h.i][1]
                if best == nil or (reverse and id > best.buf[best.i][1])
                    or (not reverse and id < best.buf[best.i][1]) then
                  best = h
                end
              end
            end
            if best == nil then break end
            local e = best.buf[best.i][2]
            local f = e[2]
            local size = #f[2] + #f[4] + #best.topic + 64
            if #found == limit or (#found > 0 and bytes + size > maxBytes) then
              more = '1'
              break
            end
            bytes = bytes + size
            table.insert(found, {best.topic, e[1], f[2], f[4], f[6]})
            best.i = best.i + 1
          end
          return {epoch, string.format('%d', seq), gap, found, more}
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
