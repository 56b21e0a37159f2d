package io.herald.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** A client that went away is told from a real failure. */
class PeerGoneTest {

  @Test
  void endOfStreamClosedChannelResetAndBrokenPipeAreThePeerLeaving() {
    assertTrue(PeerGone.is(new EOFException()));
    assertTrue(PeerGone.is(new RuntimeException(new ClosedChannelException())));
    assertTrue(PeerGone.is(new IOException("Connection reset by peer")));
    assertTrue(PeerGone.is(new UncheckedIOException(new IOException("Broken pipe"))));
  }

  @Test
  void otherFailuresAreErrors() {
    assertFalse(PeerGone.is(new IllegalStateException("boom")));
    assertFalse(PeerGone.is(new IOException("disk full")));
    assertFalse(PeerGone.is(null));
  }
}
