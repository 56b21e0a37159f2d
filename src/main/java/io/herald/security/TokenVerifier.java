package io.herald.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Verifies signed JWTs (RS256/384/512, PS256, ES256/384) with the public key configured by the
 * MicroProfile JWT keys {@code mp.jwt.verify.publickey} (inline PEM, JWK or JWKS) or {@code
 * mp.jwt.verify.publickey.location} (file path or class-path resource), and optionally {@code
 * mp.jwt.verify.issuer} and {@code mp.jwt.verify.audiences}. Unsigned ({@code alg: none}) and HMAC
 * tokens are never accepted; {@code sub} and {@code exp} are required.
 *
 * <p>Claims Herald reads: {@code groups} (roles), {@code subscribe} and {@code publish} (topic
 * patterns, a JSON array or a space-separated string).
 *
 * <p>Thread-safe (the Nimbus processor is immutable once configured); application-scoped.
 */
@ApplicationScoped
public class TokenVerifier {
  private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384);

  @Inject SecuritySettings settings;

  private DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor;

  @PostConstruct
  void configure() {
    JWKSet keys = keys();
    if (keys == null) {
      LOG.info("no mp.jwt.verify.publickey configured: bearer tokens and tickets are refused");
      return;
    }
    DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
    Set<String> audiences = new HashSet<>(settings.audiences());
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    settings.issuer().ifPresent(exact::issuer);
    DefaultJWTClaimsVerifier<com.nimbusds.jose.proc.SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audiences.isEmpty() ? null : audiences, exact.build(), Set.of("sub", "exp"), null);
    claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    // Expiry is checked here, ahead of Nimbus' own check, because the exception Nimbus throws for
    // it depends on the version the server exposes: GlassFish 7's throws a plain BadJWTException
    // ("Expired JWT") where the bundled one throws ExpiredJWTException. Claims are verified only
    // after the signature, so a forged expired token is still invalid-token.
    p.setJWTClaimsSetVerifier(
        (claimsSet, context) -> {
          Date expires = claimsSet.getExpirationTime();
          if (expires != null && settings.expired(expires.toInstant(), Instant.now())) {
            throw new TokenExpired();
          }
          claims.verify(claimsSet, context);
        });
    processor = p;
  }

  /**
   * @return the caller the token describes
   * @throws AuthenticationException {@code token-expired} or {@code invalid-token}
   */
  public Caller verify(String token) {
    if (processor == null) {
      throw new AuthenticationException("invalid-token", "this server trusts no token issuer");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (TokenExpired | ExpiredJWTException e) {
      throw new AuthenticationException("token-expired", "the token has expired");
    } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException e) {
      throw new AuthenticationException("invalid-token", "invalid token: " + e.getMessage());
    } catch (com.nimbusds.jose.JOSEException | RuntimeException e) {
      throw new AuthenticationException("invalid-token", "invalid token");
    }
    try {
      return new Caller(
          claims.getSubject(),
          patterns(claims, "subscribe"),
          patterns(claims, "publish"),
          Set.copyOf(strings(claims, "groups")),
          claims.getExpirationTime().toInstant());
    } catch (ParseException | IllegalArgumentException e) {
      throw new AuthenticationException("invalid-token", "invalid token claims: " + e.getMessage());
    }
  }

  private static List<TopicPattern> patterns(JWTClaimsSet claims, String name)
      throws ParseException {
    return strings(claims, name).stream().map(TopicPattern::of).toList();
  }

  private static List<String> strings(JWTClaimsSet claims, String name) throws ParseException {
    Object value = claims.getClaim(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s.trim().split("\\s+"));
    }
    List<String> list = claims.getStringListClaim(name);
    return list == null ? List.of() : new ArrayList<>(list);
  }

  private JWKSet keys() {
    String text =
        settings
            .publicKey()
            .orElseGet(() -> settings.publicKeyLocation().map(this::read).orElse(null));
    if (text == null) {
      return null;
    }
    try {
      String trimmed = text.strip();
      if (trimmed.startsWith("{")) {
        return trimmed.contains("\"keys\"")
            ? JWKSet.parse(trimmed)
            : new JWKSet(JWK.parse(trimmed));
      }
      return new JWKSet(jwk(pem(trimmed)));
    } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the token verification key: " + e.getMessage());
    }
  }

  private String read(String location) {
    try {
      String path = location.startsWith("file:") ? location.substring(5) : location;
      if (location.startsWith("classpath:") || !Files.exists(Path.of(path))) {
        String name = location.replaceFirst("^classpath:", "").replaceFirst("^/", "");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("token verification key not found at " + location);
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PublicKey pem(String text) throws GeneralSecurityException {
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
    try {
      return KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException e) {
      return KeyFactory.getInstance("EC").generatePublic(spec);
    }
  }

  private static JWK jwk(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    return new ECKey.Builder(
            com.nimbusds.jose.jwk.Curve.forECParameterSpec(((ECPublicKey) key).getParams()),
            (ECPublicKey) key)
        .build();
  }

  /** The token's {@code exp} (plus the allowed skew) has passed; its signature was valid. */
  private static final class TokenExpired extends BadJWTException {
    private static final long serialVersionUID = 1L;

    TokenExpired() {
      super("Expired JWT");
    }
  }
}
