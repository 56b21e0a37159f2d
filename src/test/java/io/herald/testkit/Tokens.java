package io.herald.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Mints JWTs for container tests. The shared test deployment trusts {@code
 * security/test-public.pem} with issuer {@value #ISSUER} (failsafe passes both to Payara in
 * pom.xml); {@link #full()} grants everything, so tests about other concerns run with security on.
 */
public final class Tokens {
  public static final String ISSUER = "herald-test";

  private static final PrivateKey KEY = load("security/test-private.pem");
  private static final PrivateKey WRONG_KEY = generate();
  private static final String FULL =
      sign(
          builder("it", List.of("**"), List.of("**"), Duration.ofHours(2))
              .claim("groups", List.of("herald-publisher"))
              .build());

  private Tokens() {}

  /** A token that may subscribe to and publish on every topic (cached; valid two hours). */
  public static String full() {
    return FULL;
  }

  /**
   * A token for {@code subject} with these subscribe and publish patterns, valid for {@code ttl}.
   */
  public static String of(
      String subject, List<String> subscribe, List<String> publish, Duration ttl) {
    return sign(builder(subject, subscribe, publish, ttl).build());
  }

  /** Claims under the test's control, signed with the trusted key. */
  public static String sign(JWTClaimsSet claims) {
    return sign(claims, KEY);
  }

  /** The same claims signed with a key the server does not trust. */
  public static String forged(JWTClaimsSet claims) {
    return sign(claims, WRONG_KEY);
  }

  /** The same claims with {@code alg: none} and no signature. */
  public static String unsigned(JWTClaimsSet claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    return header + "." + body + ".";
  }

  /** Claims for {@code subject}; {@code ttl} may be negative for an expired token. */
  public static JWTClaimsSet.Builder builder(
      String subject, List<String> subscribe, List<String> publish, Duration ttl) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(subject)
        .issueTime(Date.from(now.minusSeconds(ttl.isNegative() ? 3600 : 0)))
        .expirationTime(Date.from(now.plus(ttl)))
        .claim("subscribe", subscribe)
        .claim("publish", publish);
  }

  private static String sign(JWTClaimsSet claims, PrivateKey key) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey load(String resource) {
    try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(resource)) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
