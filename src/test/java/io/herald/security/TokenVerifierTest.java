package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Token verification with key pairs made here: what verifies, what each bad token is refused with
 * ({@code token-expired} or {@code invalid-token} and the message), and which claims become the
 * {@link Caller}. The configured clock skew is 30 seconds; tokens near that edge keep a 10-second
 * margin, as Nimbus reads the system clock.
 */
class TokenVerifierTest {
  private static final String ISSUER = "https://issuer.test";
  private static final KeyPair RSA = generate("RSA", null);
  private static final KeyPair OTHER_RSA = generate("RSA", null);
  private static final KeyPair EC = generate("EC", new ECGenParameterSpec("secp256r1"));

  private final TokenVerifier verifier =
      verifier("mp.jwt.verify.publickey", pem(RSA.getPublic()), "mp.jwt.verify.issuer", ISSUER);

  @Test
  void aValidTokenBecomesItsCaller() {
    Instant exp =
        Instant.now().plusSeconds(600).with(java.time.temporal.ChronoField.MILLI_OF_SECOND, 0);
    Caller caller =
        verifier.verify(
            rs256(
                claims()
                    .expirationTime(Date.from(exp))
                    .claim("subscribe", List.of("prices/*", "user/{sub}/**"))
                    .claim("publish", List.of("chat/{sub}"))
                    .claim("groups", List.of("herald-publisher", "other"))
                    .build()));
    assertEquals("alice", caller.subject());
    assertEquals("[prices/*, user/{sub}/**]", caller.subscribe().toString());
    assertEquals("[chat/{sub}]", caller.publish().toString());
    assertEquals(Set.of("herald-publisher", "other"), caller.roles());
    assertEquals(exp, caller.expires());
  }

  @Test
  void patternsMayBeOneSpaceSeparatedString() {
    Caller caller =
        verifier.verify(
            rs256(claims().claim("subscribe", " a/*  b/** ").claim("groups", "g1 g2").build()));
    assertEquals("[a/*, b/**]", caller.subscribe().toString());
    assertEquals("[]", caller.publish().toString());
    assertEquals(Set.of("g1", "g2"), caller.roles());
  }

  @Test
  void withoutGrantClaimsTheCallerHasNone() {
    Caller caller = verifier.verify(rs256(claims().build()));
    assertEquals(List.of(), caller.subscribe());
    assertEquals(List.of(), caller.publish());
    assertEquals(Set.of(), caller.roles());
  }

  @Test
  void expired() {
    assertRefused(
        "token-expired: the token has expired",
        () -> verifier.verify(rs256(claims().expirationTime(secondsFromNow(-60)).build())));
  }

  @Test
  void expiredWithinTheClockSkewIsStillAccepted() {
    assertEquals(
        "alice",
        verifier.verify(rs256(claims().expirationTime(secondsFromNow(-20)).build())).subject());
  }

  @Test
  void expiredJustBeyondTheClockSkew() {
    assertRefused(
        "token-expired: the token has expired",
        () -> verifier.verify(rs256(claims().expirationTime(secondsFromNow(-40)).build())));
  }

  @Test
  void notYetValid() {
    assertRefused(
        "invalid-token: invalid token: JWT before use time",
        () -> verifier.verify(rs256(claims().notBeforeTime(secondsFromNow(60)).build())));
  }

  @Test
  void notYetValidWithinTheClockSkewIsAccepted() {
    assertEquals(
        "alice",
        verifier.verify(rs256(claims().notBeforeTime(secondsFromNow(20)).build())).subject());
  }

  @Test
  void aSmallerConfiguredSkewIsHonoured() {
    TokenVerifier strict =
        verifier(
            "mp.jwt.verify.publickey", pem(RSA.getPublic()), "herald.security.clock-skew", "PT5S");
    assertRefused(
        "token-expired: the token has expired",
        () -> strict.verify(rs256(claims().expirationTime(secondsFromNow(-20)).build())));
  }

  @Test
  void wrongIssuer() {
    assertRefused(
        "invalid-token: invalid token: JWT iss claim has value https://evil.test, must be "
            + ISSUER,
        () -> verifier.verify(rs256(claims().issuer("https://evil.test").build())));
  }

  @Test
  void missingIssuerWhenOneIsConfigured() {
    assertRefused(
        "invalid-token: invalid token: JWT missing required claims: [iss]",
        () -> verifier.verify(rs256(claims().issuer(null).build())));
  }

  @Test
  void anyIssuerWhenNoneIsConfigured() {
    TokenVerifier any = verifier("mp.jwt.verify.publickey", pem(RSA.getPublic()));
    assertEquals(
        "alice", any.verify(rs256(claims().issuer("https://anyone.test").build())).subject());
  }

  @Test
  void audienceWhenConfigured() {
    TokenVerifier aud =
        verifier(
            "mp.jwt.verify.publickey",
            pem(RSA.getPublic()),
            "mp.jwt.verify.audiences",
            "herald, other");
    assertEquals("alice", aud.verify(rs256(claims().audience("other").build())).subject());
    assertRefused(
        "invalid-token: invalid token: JWT audience rejected: [elsewhere]",
        () -> aud.verify(rs256(claims().audience("elsewhere").build())));
  }

  @Test
  void signedWithAnotherKey() {
    assertRefused(
        "invalid-token: invalid token: Signed JWT rejected: Invalid signature",
        () ->
            verifier.verify(
                sign(
                    claims().build(),
                    JWSAlgorithm.RS256,
                    new RSASSASigner(OTHER_RSA.getPrivate()))));
  }

  @Test
  void unsignedAlgNone() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64.encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
    assertRefused(
        "invalid-token: invalid token: Unsecured (plain) JWTs are rejected, extend class to handle",
        () -> verifier.verify(header + "." + body + "."));
  }

  @Test
  void hmacIsNeverAccepted() throws JOSEException {
    byte[] secret = new byte[32];
    assertRefused(
        "invalid-token: invalid token: Signed JWT rejected: Another algorithm expected, or no"
            + " matching key(s) found",
        () -> verifier.verify(sign(claims().build(), JWSAlgorithm.HS256, new MACSigner(secret))));
  }

  @Test
  void malformed() {
    assertRefused(
        "invalid-token: invalid token: Invalid JWT serialization: Missing dot delimiter(s)",
        () -> verifier.verify("not-a-token"));
    assertRefused(
        "invalid-token: invalid token: Invalid unsecured/JWS/JWE header: Invalid JSON object",
        () -> verifier.verify("e30x.e30.sig"));
  }

  @Test
  void missingSubject() {
    assertRefused(
        "invalid-token: invalid token: JWT missing required claims: [sub]",
        () -> verifier.verify(rs256(claims().subject(null).build())));
  }

  @Test
  void missingExpiry() {
    assertRefused(
        "invalid-token: invalid token: JWT missing required claims: [exp]",
        () -> verifier.verify(rs256(claims().expirationTime(null).build())));
  }

  @Test
  void badGrantClaims() {
    assertRefused(
        "invalid-token: invalid token claims: empty topic pattern",
        () -> verifier.verify(rs256(claims().claim("subscribe", "  ").build())));
    assertRefused(
        "invalid-token: invalid token claims: The publish claim is not a list / JSON array",
        () -> verifier.verify(rs256(claims().claim("publish", 42).build())));
  }

  @Test
  void noConfiguredKeyTrustsNoToken() {
    TokenVerifier none = verifier();
    assertRefused(
        "invalid-token: this server trusts no token issuer",
        () -> none.verify(rs256(claims().build())));
  }

  @Test
  void ecKeysFromPem() throws JOSEException {
    TokenVerifier ec = verifier("mp.jwt.verify.publickey", pem(EC.getPublic()));
    String token =
        sign(claims().build(), JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) EC.getPrivate()));
    assertEquals("alice", ec.verify(token).subject());
  }

  @Test
  void keysFromAJwkOrAJwkSet() throws JOSEException {
    String jwk = new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).build().toJSONString();
    String set =
        new JWKSet(
                List.of(
                    new RSAKey.Builder((RSAPublicKey) OTHER_RSA.getPublic()).build(),
                    new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.getPublic()).build()))
            .toString();
    assertEquals(
        "alice",
        verifier("mp.jwt.verify.publickey", jwk).verify(rs256(claims().build())).subject());
    TokenVerifier fromSet = verifier("mp.jwt.verify.publickey", set);
    assertEquals(
        "alice",
        fromSet
            .verify(
                sign(
                    claims().build(),
                    JWSAlgorithm.ES256,
                    new ECDSASigner((ECPrivateKey) EC.getPrivate())))
            .subject());
    assertRefused(
        "invalid-token: invalid token: Signed JWT rejected: Invalid signature",
        () -> fromSet.verify(rs256(claims().build())));
  }

  @Test
  void keyFromAClassPathLocation() throws Exception {
    TokenVerifier fromResource =
        verifier("mp.jwt.verify.publickey.location", "classpath:/security/test-public.pem");
    String pem;
    try (var in = getClass().getClassLoader().getResourceAsStream("security/test-private.pem")) {
      pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    var key =
        java.security.KeyFactory.getInstance("RSA")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip())));
    assertEquals(
        "alice",
        fromResource
            .verify(sign(claims().build(), JWSAlgorithm.RS256, new RSASSASigner(key)))
            .subject());
    assertRefused(
        "invalid-token: invalid token: Signed JWT rejected: Invalid signature",
        () -> fromResource.verify(rs256(claims().build())));
  }

  @Test
  void keyFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("key.pem");
    java.nio.file.Files.writeString(file, pem(RSA.getPublic()));
    assertEquals(
        "alice",
        verifier("mp.jwt.verify.publickey.location", "file:" + file)
            .verify(rs256(claims().build()))
            .subject());
  }

  @Test
  void anUnreadableKeyStopsStartUp() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                verifier(
                    "mp.jwt.verify.publickey",
                    "-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----"));
    assertEquals(
        "cannot read the token verification key: java.security.InvalidKeyException: invalid key"
            + " format",
        e.getMessage());
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> verifier("mp.jwt.verify.publickey.location", "no/such/key.pem"));
    assertEquals("token verification key not found at no/such/key.pem", missing.getMessage());
  }

  private static void assertRefused(String expected, Executable verify) {
    AuthenticationException e = assertThrows(AuthenticationException.class, verify);
    assertEquals(expected, e.code() + ": " + e.getMessage());
  }

  private static TokenVerifier verifier(String... keyValues) {
    TokenVerifier v = new TokenVerifier();
    v.settings = TestSettings.of(keyValues);
    v.configure();
    return v;
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("alice")
        .issueTime(new Date())
        .expirationTime(secondsFromNow(600));
  }

  private static Date secondsFromNow(long seconds) {
    return Date.from(Instant.now().plusSeconds(seconds));
  }

  private static String rs256(JWTClaimsSet claims) {
    try {
      return sign(claims, JWSAlgorithm.RS256, new RSASSASigner(RSA.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWTClaimsSet claims, JWSAlgorithm alg, JWSSigner signer)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static String pem(PublicKey key) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        g.initialize(spec);
      } else {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
