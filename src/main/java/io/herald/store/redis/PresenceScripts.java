package io.herald.store.redis;

/**
 * The Lua scripts behind {@link RedisPresence}. Layout under the prefix {@code P}: {@code P
 * presence:i:<instance>} (hash: per topic, that instance's presence as a JSON array {@code
 * [count,"member",…]}; expires {@link RedisPresence#TTL_MS} after its instance last refreshed it),
 * {@code P presence:instances} (sorted set: live instances, scored by when they expire; entries
 * past it are removed on every write; the key itself expires with its last instance), and the
 * pub/sub channel {@code P presence}, on which every instance announces its joins and leaves.
 *
 * <p>Stateless.
 */
final class PresenceScripts {
  private PresenceScripts() {}

  /** Shared head: ARGV 1 prefix, 2 instance, 3 now (ms), 4 TTL (ms). Refreshes the instance. */
  private static final String HEAD =
      """
      local p = ARGV[1]
      local live = p .. 'presence:instances'
      local mine = p .. 'presence:i:' .. ARGV[2]
      local now = tonumber(ARGV[3])
      redis.call('ZADD', live, now + tonumber(ARGV[4]), ARGV[2])
      redis.call('PEXPIRE', live, ARGV[4])
      redis.call('ZREMRANGEBYSCORE', live, '-inf', now)
      """;

  /**
   * Sets this instance's presence on a topic (ARGV 5 topic, 6 JSON snapshot or empty to remove),
   * sums the topic's count over live instances and publishes ARGV 7 (a JSON object's members after
   * its opening brace) with {@code "count"} put first. Returns the count.
   */
  static final String PUBLISH =
      HEAD
          + """
          if ARGV[6] == '' then
            redis.call('HDEL', mine, ARGV[5])
          else
            redis.call('HSET', mine, ARGV[5], ARGV[6])
          end
          redis.call('PEXPIRE', mine, ARGV[4])
          local total = 0
          for _, inst in ipairs(redis.call('ZRANGE', live, 0, -1)) do
            local v = redis.call('HGET', p .. 'presence:i:' .. inst, ARGV[5])
            if v then
              total = total + tonumber(string.match(v, '^%[(%d+)'))
            end
          end
          redis.call('PUBLISH', p .. 'presence', '{"count":' .. total .. ',' .. ARGV[7])
          return total
          """;

  /** The topic's snapshots (ARGV 5 topic) from every live instance. */
  static final String READ =
      HEAD
          + """
          local out = {}
          for _, inst in ipairs(redis.call('ZRANGE', live, 0, -1)) do
            local v = redis.call('HGET', p .. 'presence:i:' .. inst, ARGV[5])
            if v then
              out[#out + 1] = v
            end
          end
          return out
          """;

  /**
   * Keeps this instance alive; with ARGV 5 {@code "1"} first replaces its hash; then sets the topic
   * and snapshot pairs that follow. Returns 1 if its hash exists afterwards.
   */
  static final String REFRESH =
      HEAD
          + """
          if ARGV[5] == '1' then
            redis.call('DEL', mine)
          end
          for i = 6, #ARGV, 2 do
            redis.call('HSET', mine, ARGV[i], ARGV[i + 1])
          end
          redis.call('PEXPIRE', mine, ARGV[4])
          return redis.call('EXISTS', mine)
          """;
}
