package io.herald.hub;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A stored message: the same JSON {@code {"id","topic","event","data","time"}} on every transport.
 *
 * <p>The JSON text is built once when the message is stored; transports derive their frame from it
 * once per message through {@link #encoded(Codec)}, so fan-out to many subscribers shares the same
 * bytes. Immutable apart from that memo, and thread-safe.
 */
public final class Message implements Outbound {
  private final Cursor id;
  private final String topic;
  private final String event;
  private final String dataJson;
  private final Instant time;
  private final String json;
  private final AtomicReferenceArray<Object> forms = new AtomicReferenceArray<>(Codec.MAX);

  /**
   * @param id this message's cursor
   * @param topic validated topic name
   * @param event validated event name
   * @param dataJson the payload as JSON text (already validated)
   * @param time when it was stored, truncated to milliseconds
   */
  public Message(Cursor id, String topic, String event, String dataJson, Instant time) {
    this.id = id;
    this.topic = topic;
    this.event = event;
    this.dataJson = dataJson;
    this.time = time.truncatedTo(ChronoUnit.MILLIS);
    // Topic and event names come from an alphabet that needs no JSON escaping.
    this.json =
        "{\"id\":\""
            + id
            + "\",\"topic\":\""
            + topic
            + "\",\"event\":\""
            + event
            + "\",\"data\":"
            + dataJson
            + ",\"time\":\""
            + this.time
            + "\"}";
  }

  /** This message's cursor. */
  public Cursor id() {
    return id;
  }

  /** Position in the total order of its history. */
  public long seq() {
    return id.seq();
  }

  public String topic() {
    return topic;
  }

  public String event() {
    return event;
  }

  /** The payload as JSON text. */
  public String dataJson() {
    return dataJson;
  }

  /** The payload parsed as a JSON-P value (parsed on each call). */
  public JsonValue data() {
    try (JsonReader r = JsonP.reader(dataJson)) {
      return r.readValue();
    }
  }

  public Instant time() {
    return time;
  }

  /** The message as its wire JSON object. */
  public String json() {
    return json;
  }

  /**
   * Returns this message encoded by {@code codec}, computing it at most about once per message
   * however many subscribers ask (a benign race may compute it twice).
   */
  @SuppressWarnings("unchecked")
  public <T> T encoded(Codec<T> codec) {
    Object form = forms.get(codec.slot());
    if (form == null) {
      form = codec.encoder().apply(this);
      forms.lazySet(codec.slot(), form);
    }
    return (T) form;
  }

  @Override
  public int weight() {
    return json.length() + 64;
  }

  @Override
  public String toString() {
    return json;
  }

  /**
   * A transport's encoding of messages, memoised per message. Create one per transport as a
   * constant; at most {@link #MAX} may exist.
   *
   * @param <T> the encoded form, e.g. a WebSocket frame's text
   */
  public static final class Codec<T> {
    static final int MAX = 8;
    private static int next;
    private final int slot;
    private final Function<Message, T> encoder;

    /** Creates a codec; call once per transport, from a static initialiser. */
    public Codec(Function<Message, T> encoder) {
      synchronized (Codec.class) {
        if (next == MAX) {
          throw new IllegalStateException("too many message codecs");
        }
        this.slot = next++;
      }
      this.encoder = encoder;
    }

    int slot() {
      return slot;
    }

    Function<Message, T> encoder() {
      return encoder;
    }
  }
}
