package io.herald.transport.poll;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** An {@link AsyncResponse} that records what the poll did with it; can fail to resume. */
final class FakeAsyncResponse implements AsyncResponse {
  final List<Object> resumed = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  final List<Object> callbacks = new ArrayList<>();
  TimeoutHandler timeoutHandler;
  RuntimeException resumeFails;

  /** Fires the timeout as JAX-RS does. */
  void timeOut() {
    timeoutHandler.handleTimeout(this);
  }

  @Override
  public boolean resume(Object response) {
    if (resumeFails != null) {
      throw resumeFails;
    }
    resumed.add(response);
    return true;
  }

  @Override
  public boolean resume(Throwable response) {
    resumed.add(response);
    return true;
  }

  @Override
  public boolean cancel() {
    calls.add("cancel");
    return true;
  }

  @Override
  public boolean cancel(int retryAfter) {
    calls.add("cancel " + retryAfter);
    return true;
  }

  @Override
  public boolean cancel(Date retryAfter) {
    calls.add("cancel " + retryAfter);
    return true;
  }

  @Override
  public boolean isSuspended() {
    return resumed.isEmpty();
  }

  @Override
  public boolean isCancelled() {
    return calls.contains("cancel");
  }

  @Override
  public boolean isDone() {
    return !resumed.isEmpty();
  }

  @Override
  public boolean setTimeout(long time, TimeUnit unit) {
    calls.add("timeout " + time + " " + unit);
    return true;
  }

  @Override
  public void setTimeoutHandler(TimeoutHandler handler) {
    timeoutHandler = handler;
  }

  @Override
  public Collection<Class<?>> register(Class<?> callback) {
    callbacks.add(callback);
    return List.of();
  }

  @Override
  public Map<Class<?>, Collection<Class<?>>> register(Class<?> callback, Class<?>... callbacks) {
    this.callbacks.add(callback);
    return Map.of();
  }

  @Override
  public Collection<Class<?>> register(Object callback) {
    callbacks.add(callback);
    return Set.of();
  }

  @Override
  public Map<Class<?>, Collection<Class<?>>> register(Object callback, Object... callbacks) {
    this.callbacks.add(callback);
    return Map.of();
  }
}
