package io.herald.bench;

/**
 * A reconnect storm: every client dropped at once while messages keep flowing; each reconnects and
 * resumes from the last message it had.
 *
 * <p>"Lost" is what had not arrived by the end of the run's usual drain; the storm then keeps
 * waiting (the extended drain) to tell messages that are only late from messages that never come.
 *
 * @param target target id
 * @param clients clients asked for
 * @param setUpFailures of those, connections that failed to set up before the storm (not dropped,
 *     not counted in {@code expected})
 * @param millisTo99 time until 99% were subscribed again
 * @param millisTo100 time until all were
 * @param expected deliveries owed across the storm
 * @param lost deliveries missing at the end of the drain ({@code drainMillis} after the last
 *     publish and the last resubscription)
 * @param duplicates deliveries of a message a client already had
 * @param reordered deliveries older than one the client already had
 * @param publishFailures publishes the server refused or failed (their messages are owed to nobody
 *     and still counted in {@code expected})
 * @param drops connections the server closed after the storm's resubscription (e.g. a slow
 *     consumer's 4008); the client resumes from its cursor, as a real one would
 * @param drainMillis the drain that {@code lost} is counted at
 * @param lastArrivalMillis time from the cut until the last message that arrived did (the last
 *     first delivery, by the end of the extended drain)
 * @param extendedDrainMillis most time waited past the drain for the missing ones
 * @param missingAfterExtended deliveries still missing at the end of the extended drain: never
 *     delivered, as far as the run can tell
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
    long reordered,
    int publishFailures,
    int drops,
    long drainMillis,
    long lastArrivalMillis,
    long extendedDrainMillis,
    long missingAfterExtended) {}
