package io.herald.testclient;

/**
 * One server-sent event as read off the stream. Immutable. Produced by {@link SseParser}.
 *
 * @param id the {@code id:} field, or null when the event had none
 * @param event the {@code event:} field ({@code message} when absent)
 * @param data the {@code data:} lines joined with newlines
 * @param retry the {@code retry:} field, or null
 */
public record SseEvent(String id, String event, String data, Long retry) {}
