package io.herald.bench;

/**
 * Opening {@code clients} connections to a target, all subscribed: how fast, and what they cost the
 * server in memory once idle, both as resident memory and as live heap after a full collection.
 *
 * @param target target id
 * @param clients connections asked for
 * @param setUpFailures of those, connections that failed to set up or were not ready in time
 * @param millis time until all were ready or had failed
 * @param perSecond connections ready per second
 * @param rssBefore server RSS before, bytes
 * @param rssAfter server RSS with all connections idle, bytes
 * @param kibPerConnection (rssAfter − rssBefore) ÷ ready connections, KiB
 * @param heapBefore server heap in use after a full GC before, bytes; -1 when not measured
 * @param heapAfter the same with all connections idle, bytes; -1 when not measured
 * @param heapKibPerConnection (heapAfter − heapBefore) ÷ ready connections, KiB; -1 when not
 *     measured
 */
record Setup(
    String target,
    int clients,
    int setUpFailures,
    long millis,
    double perSecond,
    long rssBefore,
    long rssAfter,
    double kibPerConnection,
    long heapBefore,
    long heapAfter,
    double heapKibPerConnection) {}
