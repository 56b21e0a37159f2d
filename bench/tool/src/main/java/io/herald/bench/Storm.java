package io.herald.bench;

/**
 * A reconnect storm: every client dropped at once while messages keep flowing; each reconnects and
 * resumes from the last message it had.
 *
 * @param target target id
 * @param clients clients asked for
 * @param setUpFailures of those, connections that failed to set up before the storm (not dropped,
 *     not counted in {@code expected})
 * @param millisTo99 time until 99% were subscribed again
 * @param millisTo100 time until all were
 * @param expected deliveries owed across the storm
 * @param lost deliveries missing after the storm
 * @param duplicates deliveries of a message a client already had
 * @param reordered deliveries older than one the client already had
 */
record Storm(
    String target,
    int clients,
    int setUpFailures,
    long millisTo99,
    long millisTo100,
    long expected,
    long lost,
    long duplicates,
    long reordered) {}
