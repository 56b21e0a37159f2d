package io.herald.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose forwarding headers Herald believes ({@code herald.proxy.trusted}, a
 * list of CIDR blocks or single addresses; empty = none, the TCP peer is the client). When the peer
 * is one of them, the client is found by walking {@code Forwarded} ({@code for=}, RFC 7239) or else
 * {@code X-Forwarded-For} from the nearest hop back, skipping trusted proxies: the first untrusted
 * hop is the client. A hop that is not an address literal ({@code unknown}, obfuscated names) ends
 * the walk at the hop after it. Nothing is ever resolved through DNS.
 *
 * <p>Immutable and thread-safe; built once from the settings, used by {@link ClientAddressFilter}.
 */
public final class TrustedProxies {
  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** No trusted proxies: every client is its TCP peer. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  /**
   * Parses CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) and single addresses.
   *
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static TrustedProxies of(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String e : entries) {
      blocks.add(Block.parse(e.strip()));
    }
    return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks));
  }

  /** Whether any proxy is trusted (else forwarding headers are ignored). */
  public boolean enabled() {
    return !blocks.isEmpty();
  }

  /** Whether {@code address} (a literal) lies in a trusted block. */
  public boolean trusts(String address) {
    byte[] a = literal(address);
    if (a == null) {
      return false;
    }
    for (Block b : blocks) {
      if (b.contains(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The client behind {@code peer}.
   *
   * @param peer the TCP peer address
   * @param forwarded the {@code Forwarded} header values, in order (may be empty)
   * @param forwardedFor the {@code X-Forwarded-For} header values, in order (may be empty)
   */
  public String client(String peer, List<String> forwarded, List<String> forwardedFor) {
    if (!trusts(peer)) {
      return peer;
    }
    List<String> hops = forwarded.isEmpty() ? split(forwardedFor) : forValues(forwarded);
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (literal(hop) == null) {
        return client;
      }
      client = normal(hop);
      if (!trusts(client)) {
        return client;
      }
    }
    return client;
  }

  private static List<String> split(List<String> values) {
    List<String> hops = new ArrayList<>();
    for (String v : values) {
      for (String h : v.split(",")) {
        if (!h.isBlank()) {
          hops.add(h.strip());
        }
      }
    }
    return hops;
  }

  /** The {@code for=} node of each element of RFC 7239 {@code Forwarded} values, port removed. */
  private static List<String> forValues(List<String> values) {
    List<String> hops = new ArrayList<>();
    for (String element : split(values)) {
      String node = "unknown";
      for (String pair : element.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
          node = pair.substring(eq + 1).strip();
        }
      }
      if (node.startsWith("\"") && node.endsWith("\"") && node.length() >= 2) {
        node = node.substring(1, node.length() - 1);
      }
      if (node.startsWith("[")) {
        int close = node.indexOf(']');
        node = close > 0 ? node.substring(1, close) : "unknown";
      } else if (node.indexOf(':') > 0 && node.indexOf(':') == node.lastIndexOf(':')) {
        node = node.substring(0, node.indexOf(':'));
      }
      hops.add(node);
    }
    return hops;
  }

  private static String normal(String literal) {
    try {
      return InetAddress.getByAddress(literal(literal)).getHostAddress();
    } catch (UnknownHostException e) {
      return literal;
    }
  }

  /** The bytes of an IPv4 or IPv6 literal, or null if {@code s} is not one (never DNS). */
  static byte[] literal(String s) {
    if (s == null || s.isEmpty() || s.length() > 45 || !LITERAL.matcher(s).matches()) {
      return null;
    }
    if (s.indexOf(':') < 0 && s.split("\\.", -1).length != 4) {
      return null;
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private record Block(byte[] network, int bits) {
    static Block parse(String entry) {
      int slash = entry.indexOf('/');
      byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("not an address or CIDR block: " + entry);
      }
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException("bad prefix length: " + entry);
        }
      }
      return new Block(address, bits);
    }

    boolean contains(byte[] a) {
      if (a.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return blocks.isEmpty() ? "none" : blocks.size() + " block(s)";
  }
}
