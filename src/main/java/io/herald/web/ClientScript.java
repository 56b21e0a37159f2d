package io.herald.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One served form of the client: its bytes, media type and content version (a hash, used as ETag
 * and as the {@code ?v=} that makes a URL immutable).
 *
 * <p>Immutable and thread-safe.
 *
 * @param body the bytes served
 * @param mediaType the Content-Type
 * @param version the first 16 hex digits of the body's SHA-256
 */
record ClientScript(byte[] body, String mediaType, String version) {
  private static final Pattern DEFAULT_EXPORT =
      Pattern.compile("^export default (.*);\\s*$", Pattern.MULTILINE);
  private static final Pattern EXPORT = Pattern.compile("^export ", Pattern.MULTILINE);

  static ClientScript of(String text, String mediaType) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return new ClientScript(body, mediaType, hash(body));
  }

  /**
   * The classic-script build of the ES module: the same source inside a function whose result, the
   * module's default export, becomes {@code globalThis.Herald}. The module keeps its exports at the
   * top level and one {@code export default} object, so this rewrite is exact.
   */
  static String classic(String module) {
    Matcher m = DEFAULT_EXPORT.matcher(module);
    if (!m.find()) {
      throw new IllegalStateException("herald.js has no 'export default' line");
    }
    String body = m.replaceFirst(Matcher.quoteReplacement("return " + m.group(1) + ";"));
    body = EXPORT.matcher(body).replaceAll("");
    return "globalThis.Herald = (function () {\n'use strict';\n" + body + "})();\n";
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
