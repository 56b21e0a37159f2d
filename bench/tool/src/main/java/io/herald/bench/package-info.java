/**
 * Herald's benchmark tool: {@link io.herald.bench.Bench} starts each server (Herald, the naive
 * Jakarta peers, socket.io, the raw NIO {@link io.herald.bench.Ceiling}) pinned to one core, drives
 * it from this JVM's load generator pinned to another, counts every message (sequence number and
 * scheduled send time in each) and writes JSON, Markdown and PNG results.
 */
package io.herald.bench;
