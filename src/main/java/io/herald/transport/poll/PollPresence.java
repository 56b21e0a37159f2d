package io.herald.transport.poll;

import io.herald.hub.Hub;
import io.herald.hub.JsonP;
import io.herald.transport.PresenceAnswer;
import io.herald.transport.PresenceSettings;
import jakarta.json.JsonArrayBuilder;
import java.util.List;

/**
 * What a poll with {@code presence=true} adds to its answer: {@code "presence"}, the presence of
 * each polled topic when the answer is made ({@code [{"topic","count","members"?}]}, as {@code GET
 * /api/presence} gives it). Polls get no join or leave events: a poll answers what is there now,
 * and past joins are not replayed.
 *
 * <p>Immutable; thread-safe. Made by the poll resources for one request.
 *
 * @param hub where presence is read
 * @param topics the polled topics
 * @param settings which topics name their members
 * @param subject the caller's subject, {@code null} if anonymous
 */
record PollPresence(Hub hub, List<String> topics, PresenceSettings settings, String subject) {

  /** {@code body} (a poll answer's JSON object) with the {@code "presence"} field added. */
  String addTo(String body) {
    JsonArrayBuilder all = JsonP.PROVIDER.createArrayBuilder();
    for (String t : topics) {
      all.add(
          PresenceAnswer.fields(
              JsonP.PROVIDER.createObjectBuilder(), hub.presence(t), settings.named(t, subject)));
    }
    int end = body.lastIndexOf('}');
    return body.substring(0, end) + ",\"presence\":" + all.build() + body.substring(end);
  }
}
