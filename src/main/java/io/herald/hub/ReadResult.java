package io.herald.hub;

import java.util.List;

/**
 * What a read of history after a cursor found.
 *
 * <p>Immutable.
 *
 * @param messages retained messages after the cursor, in cursor order
 * @param cursor position after these messages: resuming from it continues exactly here
 * @param gap topics whose history after the requested cursor is incomplete
 */
public record ReadResult(List<Message> messages, Cursor cursor, List<String> gap) {}
