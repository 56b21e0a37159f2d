package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Delivery threads where Grizzly is not to be found (this test's class path): numbered daemon
 * threads that run the pool's task, as {@code DaemonThreads} makes them.
 */
class WorkerThreadsTest {

  @Test
  void withoutGrizzlyThreadsAreNumberedDaemonsRunningTheTask() throws Exception {
    WorkerThreads.learn(this);
    ThreadFactory factory = new WorkerThreads().factory("herald-delivery-");
    CountDownLatch ran = new CountDownLatch(2);
    Thread first = factory.newThread(ran::countDown);
    Thread second = factory.newThread(ran::countDown);
    assertEquals("herald-delivery-1", first.getName());
    assertEquals("herald-delivery-2", second.getName());
    assertTrue(first.isDaemon() && second.isDaemon());
    first.start();
    second.start();
    assertTrue(ran.await(5, TimeUnit.SECONDS));
  }
}
