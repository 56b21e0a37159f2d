package io.herald.bench;

/**
 * One measured step: a target, a client count, a payload size and a publish rate, with everything
 * counted.
 *
 * @param target target id
 * @param scenario {@code latency} or {@code fanout}
 * @param clients subscribers asked for
 * @param setUpFailures of those, connections that failed to set up or were not ready in time; the
 *     step ran with the others, and {@code expected} counts only them
 * @param payload message data size in bytes
 * @param rate messages published per second
 * @param expected deliveries owed ((clients − setUpFailures) × messages)
 * @param delivered distinct deliveries counted
 * @param lost expected − delivered
 * @param duplicates deliveries of a message a client already had
 * @param reordered deliveries older than one the client already had
 * @param dropped connections that closed during the step
 * @param publishFailures publishes the server refused or failed
 * @param deliveriesPerSec delivered ÷ scheduled publishing time
 * @param p50Ms latency from scheduled send time, median
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param maxMs maximum
 * @param cpuMicrosPerDelivery server process CPU time ÷ deliveries
 * @param serverCpuPercent server CPU time ÷ wall time
 * @param bytesPerDelivery bytes received by clients ÷ deliveries
 * @param bytesSentPerDelivery bytes sent by clients (requests, pings) ÷ deliveries
 * @param loadgenCpuPercent load generator CPU ÷ wall time
 * @param clean no loss, duplicate, reordering, drop or publish failure
 * @param pass clean, p99 ≤ 250 ms and set-up failures within {@link Plan#setUpTolerated}
 */
record Step(
    String target,
    String scenario,
    int clients,
    int setUpFailures,
    int payload,
    double rate,
    long expected,
    long delivered,
    long lost,
    long duplicates,
    long reordered,
    int dropped,
    int publishFailures,
    double deliveriesPerSec,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    double cpuMicrosPerDelivery,
    double serverCpuPercent,
    double bytesPerDelivery,
    double bytesSentPerDelivery,
    double loadgenCpuPercent,
    boolean clean,
    boolean pass) {}
