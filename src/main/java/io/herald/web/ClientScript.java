package io.herald.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One served form of the client: its bytes, media type and content version (a hash, used as ETag
 * and as the {@code ?v=} that makes a URL immutable). {@link ClientScriptServlet} makes one per
 * file the build bundled into the herald-ee jar's {@code META-INF/resources/}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param body the bytes served
 * @param mediaType the Content-Type
 * @param version the first 16 hex digits of the body's SHA-256
 */
record ClientScript(byte[] body, String mediaType, String version) {
  static ClientScript of(String text, String mediaType) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return new ClientScript(body, mediaType, hash(body));
  }

  private static String hash(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
