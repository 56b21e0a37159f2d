package io.herald.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

  @Test
  void outranksAServersOwnRuntimeExceptionMapperAtTheDefaultPriority() {
    // TomEE adds an ExceptionMapper<RuntimeException> of its own at the default priority (USER);
    // JAX-RS picks the lower value between equally close mappers.
    Priority priority = ProblemMapper.class.getAnnotation(Priority.class);
    assertNotNull(priority, "ProblemMapper carries @Priority");
    assertEquals(Priorities.USER - 1000, priority.value());
  }
}
