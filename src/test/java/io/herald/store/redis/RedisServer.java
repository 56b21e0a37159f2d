package io.herald.store.redis;

import io.herald.testkit.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A real Redis server for tests, on a loopback port, persisting to an append-only file written on
 * every command (so a kill -9 loses nothing). Installs Debian's {@code redis-server} when it is
 * missing (the build runs as root on a fresh machine).
 *
 * <p>Not thread-safe; one per test class. {@link #close()} kills it.
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final List<String> extra;
  private ServerProcess process;

  /**
   * @param port plain-text port on 127.0.0.1
   * @param extra more {@code redis-server} options (TLS, passwords, ACL users)
   */
  public RedisServer(int port, String... extra) throws IOException {
    this.port = port;
    this.dir = Files.createTempDirectory(Path.of("target"), "redis-" + port + "-");
    this.extra = List.of(extra);
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server (again, with the same data) and waits until it answers. */
  public RedisServer start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--daemonize",
            "no",
            "--protected-mode",
            "no",
            "--loglevel",
            "warning"));
    cmd.addAll(extra);
    process = ServerProcess.start("redis-server on port " + port, cmd, dir.resolve("redis.log"));
    process.awaitReady(
        Duration.ofSeconds(15),
        Duration.ofMillis(50),
        () -> {
          try (Jedis j = new Jedis("127.0.0.1", port, 500)) {
            return "PONG".equals(j.ping());
          } catch (JedisDataException e) {
            // NOAUTH: it answers, and wants a password.
            return true;
          }
        });
    return this;
  }

  /** Kills the server abruptly (SIGKILL) and waits for it to be gone. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  /** Kills the server and deletes its data, as a Redis without persistence loses it. */
  public void wipe() throws InterruptedException, IOException {
    kill();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().equals("redis.log")) {
          deleteTree(p.toFile());
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteTree(c);
      }
    }
    f.delete();
  }

  /** The redis-server binary, installed from Debian's packages if missing. */
  static synchronized String binary() throws IOException, InterruptedException {
    for (String p : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
      if (new File(p).canExecute()) {
        return p;
      }
    }
    run("apt-get", "update", "-qq");
    run("apt-get", "install", "-y", "-qq", "redis-server");
    if (new File("/usr/bin/redis-server").canExecute()) {
      return "/usr/bin/redis-server";
    }
    throw new IllegalStateException("redis-server is missing and apt-get could not install it");
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }
}
