package io.herald.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.Settings;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis client's TLS and AUTH against real Redis servers on loopback: one with TLS (a
 * certificate for {@code localhost} only, signed by a CA the test makes with openssl), one with a
 * {@code requirepass} password and an ACL user. Clients are built by {@link RedisEndpoint}, as the
 * store's producer builds them.
 */
class RedisSecurityIT {
  private static final String PASSWORD = "s3cret-pass";
  private static Path certs;
  private static RedisServer tls;
  private static int tlsPort;
  private static RedisServer auth;
  private static SSLSocketFactory trusting;

  @BeforeAll
  static void start() throws Exception {
    certs = Files.createTempDirectory(Path.of("target"), "redis-tls-").toAbsolutePath();
    makeCertificates(certs);
    trusting = trusting(certs.resolve("ca.crt"));
    tlsPort = freePort();
    tls =
        new RedisServer(
                freePort(),
                "--tls-port",
                Integer.toString(tlsPort),
                "--tls-cert-file",
                certs.resolve("server.crt").toString(),
                "--tls-key-file",
                certs.resolve("server.key").toString(),
                "--tls-ca-cert-file",
                certs.resolve("ca.crt").toString(),
                "--tls-auth-clients",
                "no")
            .start();
    auth =
        new RedisServer(
                freePort(),
                "--requirepass",
                PASSWORD,
                "--user",
                "herald",
                "on",
                ">herald-pass",
                "~*",
                "&*",
                "+@all")
            .start();
  }

  @AfterAll
  static void stop() {
    if (tls != null) {
      tls.close();
    }
    if (auth != null) {
      auth.close();
    }
  }

  @Test
  void tlsWorksWhenTheCertificateNamesTheHost() {
    assertEquals(2, status("rediss://localhost:" + tlsPort).size());
  }

  @Test
  void tlsIsRefusedWhenTheCertificateNamesAnotherHost() {
    // Same server, same trusted CA: only the name differs (the certificate names localhost only).
    HubUnavailableException e =
        assertThrows(HubUnavailableException.class, () -> status("rediss://127.0.0.1:" + tlsPort));
    assertTrue(
        e.getMessage().contains("No subject alternative names matching IP address 127.0.0.1"),
        e.getMessage());
  }

  @Test
  void anAclUserAndItsPasswordAreAccepted() {
    assertEquals(2, status("redis://herald:herald-pass@127.0.0.1:" + auth.port()).size());
  }

  @Test
  void aRequirepassPasswordWithoutUserIsAccepted() {
    assertEquals(2, status("redis://:" + PASSWORD + "@127.0.0.1:" + auth.port()).size());
  }

  @Test
  void aWrongPasswordLeavesTheStoreUnreadyAndSaysWhy() throws Exception {
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (logged) {
              logged.add(r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger feedLog = Logger.getLogger(RedisFeed.class.getName());
    feedLog.addHandler(capture);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    RedisEndpoint endpoint =
        new RedisEndpoint("redis://:wrong@127.0.0.1:" + auth.port(), 2000, null);
    try (JedisPooled jedis = endpoint.open()) {
      RedisHistory history =
          new RedisHistory(new RedisScripts(jedis, "auth:"), 10, Duration.ofHours(1), 100);
      Hub hub = new Hub(history, Settings.defaults().hub(), pool, Clock.systemUTC(), null);
      history.start(hub.feed());
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (logged(logged).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        List<String> lines = logged(logged);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
            lines.get(0).contains("refused Herald's credentials")
                && lines.get(0).contains("check the user and password in herald.redis.uri"),
            lines.get(0));
        assertFalse(history.isAvailable());
      } finally {
        history.stop();
        hub.stop();
      }
    } finally {
      feedLog.removeHandler(capture);
      pool.shutdownNow();
    }
  }

  private static List<String> logged(List<String> logged) {
    synchronized (logged) {
      return List.copyOf(logged);
    }
  }

  /** Runs the status script through a client built from {@code uri}: epoch and newest id. */
  private static List<?> status(String uri) {
    try (JedisPooled jedis = new RedisEndpoint(uri, 2000, trusting).open()) {
      return (List<?>) new RedisScripts(jedis, "sec:").run(RedisScripts.STATUS, null, 0, List.of());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A CA and a server certificate for DNS name localhost (and no IP address) signed by it. */
  private static void makeCertificates(Path dir) throws Exception {
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Herald test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl(
        dir,
        "x509",
        "-req",
        "-days",
        "2",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-extfile",
        "san.ext",
        "-out",
        "server.crt");
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("openssl.log")));
    }
  }

  /** Sockets that trust exactly the test CA, as a trust store given to the JVM would. */
  private static SSLSocketFactory trusting(Path caCert) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }
}
