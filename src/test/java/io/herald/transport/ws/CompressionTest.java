package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.Extension;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompressionTest {
  private static final Extension TYRUS = named("permessage-deflate");

  static Extension named(String name) {
    return new Extension() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public List<Parameter> getParameters() {
        return List.of();
      }
    };
  }

  private static List<String> names(List<Extension> list) {
    return list.stream().map(Extension::getName).toList();
  }

  @Test
  void offRefusesDeflateEvenWhereTheContainerInstallsIt() {
    Compression off = new Compression(false, () -> TYRUS);
    List<Extension> installed = List.of(named("permessage-deflate"), named("x-other"));
    assertEquals(
        List.of("x-other"),
        names(off.negotiate(installed, List.of(named("permessage-deflate"), named("x-other")))));
  }

  @Test
  void onUsesTheContainersOwnOrElseTheFallbackAndOnlyWhenOffered() {
    Extension own = named("permessage-deflate");
    Compression on = new Compression(true, () -> TYRUS);
    assertEquals(List.of(own), on.negotiate(List.of(own), List.of(named("permessage-deflate"))));
    assertEquals(List.of(TYRUS), on.negotiate(List.of(), List.of(named("permessage-deflate"))));
    assertEquals(List.of(), on.negotiate(List.of(), List.of()));
    assertEquals(List.of(), on.negotiate(List.of(own), List.of(named("x-unknown"))));
    // Offered twice (two parameter sets): answered once.
    assertEquals(
        List.of(TYRUS),
        on.negotiate(List.of(), List.of(named("permessage-deflate"), named("permessage-deflate"))));
  }

  @Test
  void onWithoutAnyImplementationNegotiatesNothing() {
    Compression on = new Compression(true, () -> null);
    assertEquals(List.of(), on.negotiate(List.of(), List.of(named("permessage-deflate"))));
  }
}
