package io.herald.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.api.Publish;
import org.junit.jupiter.api.Test;

/** {@code fireAsync(Publish)} is refused with an exception, never dropped silently. */
class PublishObserverTest {
  @Test
  void anAsynchronousPublishIsRefused() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> new PublishObserver().onPublishAsync(new Publish("orders/1", 1)));
    assertEquals(PublishObserver.ASYNC_REFUSED, e.getMessage());
  }
}
