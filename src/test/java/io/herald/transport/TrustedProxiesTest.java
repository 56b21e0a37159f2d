package io.herald.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which forwarding headers are believed, and who the client is behind a chain of proxies. */
class TrustedProxiesTest {
  private final TrustedProxies proxies =
      TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.7"));

  @Test
  void blocksMatchByPrefix() {
    assertTrue(proxies.trusts("10.200.3.4"));
    assertFalse(proxies.trusts("11.0.0.1"));
    assertTrue(proxies.trusts("fd12::1"));
    assertFalse(proxies.trusts("fe80::1"));
    assertTrue(proxies.trusts("192.0.2.7"));
    assertFalse(proxies.trusts("192.0.2.8"));
    assertFalse(proxies.trusts("example.org"), "names are never resolved");
  }

  @Test
  void withNoneTheHeadersAreIgnored() {
    assertFalse(TrustedProxies.NONE.enabled());
    assertEquals(
        "10.1.1.1",
        TrustedProxies.of(List.of()).client("10.1.1.1", List.of(), List.of("203.0.113.9")));
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItSays() {
    assertEquals("198.51.100.1", proxies.client("198.51.100.1", List.of(), List.of("203.0.113.9")));
  }

  @Test
  void xForwardedForIsWalkedFromTheNearestHop() {
    assertEquals("203.0.113.9", proxies.client("10.0.0.1", List.of(), List.of("203.0.113.9")));
    // A client-supplied first entry is not believed past the first untrusted hop.
    assertEquals(
        "203.0.113.9",
        proxies.client("10.0.0.1", List.of(), List.of("1.2.3.4, 203.0.113.9", "10.0.0.2")));
    // All trusted: the farthest hop.
    assertEquals("10.0.0.3", proxies.client("10.0.0.1", List.of(), List.of("10.0.0.3,10.0.0.2")));
    // No header at all: the proxy itself.
    assertEquals("10.0.0.1", proxies.client("10.0.0.1", List.of(), List.of()));
  }

  @Test
  void forwardedIsPreferredAndParsed() {
    assertEquals(
        "2001:db8:0:0:0:0:0:1",
        proxies.client(
            "10.0.0.1",
            List.of("for=\"[2001:db8::1]:4711\";proto=https, for=10.0.0.9"),
            List.of("203.0.113.9")));
    assertEquals(
        "203.0.113.5", proxies.client("10.0.0.1", List.of("For=203.0.113.5:443"), List.of()));
  }

  @Test
  void anObfuscatedOrUnknownHopStopsAtTheProxyAfterIt() {
    assertEquals("10.0.0.1", proxies.client("10.0.0.1", List.of("for=unknown"), List.of()));
    assertEquals("10.0.0.1", proxies.client("10.0.0.1", List.of(), List.of("not-an-address")));
    assertEquals("10.0.0.2", proxies.client("10.0.0.1", List.of(), List.of("_hidden, 10.0.0.2")));
  }

  @Test
  void aBadEntryIsRefusedAtStartNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new ProxySettings(List.of("10.0.0.0/33")));
    assertEquals("herald.proxy.trusted: bad prefix length: 10.0.0.0/33", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.local")));
  }
}
