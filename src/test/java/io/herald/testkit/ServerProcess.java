package io.herald.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server a test runs as its own process (Redis, a Herald instance, a Payara Micro of its own):
 * started with its output going to a log file that stays behind for diagnosis, polled until it
 * answers, then stopped gracefully or killed as a crash would.
 *
 * <p>Not thread-safe; owned by the one helper that started it.
 */
public final class ServerProcess implements AutoCloseable {
  /** A readiness check: true when the server answers; an exception counts as "not yet". */
  @FunctionalInterface
  public interface Probe {
    boolean ready() throws Exception;
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command}, its stdout and stderr both going to {@code log} (created afresh). */
  public static ServerProcess start(String name, List<String> command, Path log)
      throws IOException {
    if (log.getParent() != null) {
      Files.createDirectories(log.getParent());
    }
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ServerProcess(name, p, log);
  }

  /**
   * Starts {@code command} with {@code env} added to this JVM's environment, its output going to
   * {@code log} (created afresh).
   */
  public static ServerProcess start(
      String name, List<String> command, java.util.Map<String, String> env, Path log)
      throws IOException {
    if (log.getParent() != null) {
      Files.createDirectories(log.getParent());
    }
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().putAll(env);
    Process p = b.redirectOutput(log.toFile()).start();
    return new ServerProcess(name, p, log);
  }

  /** The {@code java} launcher of the JVM running the tests. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The Payara Micro jar the build copied (failsafe passes its path). */
  public static String payaraMicroJar() {
    return System.getProperty("payara.microJar", "target/payara/payara-micro.jar");
  }

  /** The WAR the build made (failsafe passes its path). */
  public static String heraldWar() {
    return System.getProperty("herald.war", "target/ROOT.war");
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /**
   * Asks {@code probe} every {@code every} until it says ready.
   *
   * @throws AssertionError if the process exits first, or {@code limit} passes (the message names
   *     the log and the last probe failure)
   */
  public void awaitReady(Duration limit, Duration every, Probe probe) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited; see " + log);
      }
      try {
        if (probe.ready()) {
          return;
        }
        last = "not ready";
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(every.toMillis());
    }
    throw new AssertionError(name + " not ready within " + limit + ": " + last + "; see " + log);
  }

  /** Writes a thread dump of the process to {@code out}; best effort, for diagnosis only. */
  public void dumpThreads(Path out) {
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
              Long.toString(process.pid()),
              "Thread.print")
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // Diagnostics only.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the process abruptly (SIGKILL), as a crash would, and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  /** Asks the process to stop (SIGTERM), killing it if it is still there after {@code grace}. */
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * Asks the process and every process it started to stop (SIGTERM), killing those still there
   * after {@code grace}: for launch scripts (WildFly's {@code standalone.sh}, GlassFish's {@code
   * asadmin}) that do not always pass the signal on to the server they started.
   */
  public void stopTree(Duration grace) {
    List<ProcessHandle> tree =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(process.toHandle()), process.descendants())
            .toList();
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : tree) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        h.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      }
    }
  }

  /** Kills the process. */
  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
