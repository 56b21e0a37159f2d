package io.herald.bench;

/**
 * Opening {@code clients} connections to a target, all subscribed: how fast, and what they cost the
 * server in resident memory once idle.
 *
 * @param target target id
 * @param clients connections opened
 * @param millis time until all were ready
 * @param perSecond connections ready per second
 * @param rssBefore server RSS before, bytes
 * @param rssAfter server RSS with all connections idle, bytes
 * @param kibPerConnection (rssAfter − rssBefore) ÷ clients, KiB
 */
record Setup(
    String target,
    int clients,
    long millis,
    double perSecond,
    long rssBefore,
    long rssAfter,
    double kibPerConnection) {}
