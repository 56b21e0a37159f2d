package io.herald.transport.sse;

import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * JAX-RS SSE fakes: an {@link Sse} whose events print as their wire fields, and a sink that records
 * what was sent and can fail or hold its writes.
 */
final class FakeSse implements Sse {
  @Override
  public OutboundSseEvent.Builder newEventBuilder() {
    return new Builder();
  }

  @Override
  public SseBroadcaster newBroadcaster() {
    throw new UnsupportedOperationException();
  }

  /** An event as the fields it would put on the wire, e.g. {@code id:1 event:message data:{}}. */
  record Event(String id, String name, String comment, long reconnectDelay, Object data)
      implements OutboundSseEvent {
    @Override
    public Class<?> getType() {
      return String.class;
    }

    @Override
    public java.lang.reflect.Type getGenericType() {
      return String.class;
    }

    @Override
    public MediaType getMediaType() {
      return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public Object getData() {
      return data;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getComment() {
      return comment;
    }

    @Override
    public long getReconnectDelay() {
      return reconnectDelay;
    }

    @Override
    public boolean isReconnectDelaySet() {
      return reconnectDelay >= 0;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      if (comment != null) {
        b.append(" :").append(comment);
      }
      if (id != null) {
        b.append(" id:").append(id);
      }
      if (name != null) {
        b.append(" event:").append(name);
      }
      if (reconnectDelay >= 0) {
        b.append(" retry:").append(reconnectDelay);
      }
      if (data != null) {
        b.append(" data:").append(data);
      }
      return b.toString().trim();
    }
  }

  @SuppressWarnings("rawtypes") // the JAX-RS Builder declares raw Class and GenericType
  private static final class Builder implements OutboundSseEvent.Builder {
    private String id;
    private String name;
    private String comment;
    private long reconnectDelay = -1;
    private Object data;

    @Override
    public OutboundSseEvent.Builder id(String id) {
      this.id = id;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
      this.reconnectDelay = milliseconds;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
      return this;
    }

    @Override
    public OutboundSseEvent.Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder data(Class type, Object data) {
      this.data = data;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder data(GenericType type, Object data) {
      this.data = data;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder data(Object data) {
      this.data = data;
      return this;
    }

    @Override
    public OutboundSseEvent build() {
      return new Event(id, name, comment, reconnectDelay, data);
    }
  }

  /** A sink recording each event sent; writes complete at once unless told to fail or hold. */
  static final class Sink implements SseEventSink {
    final List<String> sent = new ArrayList<>();
    boolean closed;
    int closes;
    boolean fail;
    Throwable failure = new java.io.IOException("write failed");
    boolean hold;

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      if (hold) {
        return new CompletableFuture<>();
      }
      if (fail) {
        return CompletableFuture.failedFuture(failure);
      }
      sent.add(event.toString());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closed = true;
      closes++;
    }
  }
}
