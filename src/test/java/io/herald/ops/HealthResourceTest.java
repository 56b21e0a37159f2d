package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /api/health's body: MicroProfile Health's shape, down when any check is down. */
class HealthResourceTest {

  @Test
  void allUpIsUpWithEachChecksData() {
    assertEquals(
        "{\"status\":\"UP\",\"checks\":[{\"name\":\"herald\",\"status\":\"UP\","
            + "\"data\":{\"connections\":3}}]}",
        HealthResource.body(
            List.of(new HubHealth.Check("herald", true, Map.of("connections", 3L)))));
  }

  @Test
  void oneDownCheckMakesItDown() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("hub", "stopped");
    data.put("subscribers", 0L);
    assertEquals(
        "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"herald\",\"status\":\"UP\",\"data\":{}},"
            + "{\"name\":\"herald-hub\",\"status\":\"DOWN\","
            + "\"data\":{\"hub\":\"stopped\",\"subscribers\":0}}]}",
        HealthResource.body(
            List.of(
                new HubHealth.Check("herald", true, Map.of()),
                new HubHealth.Check("herald-hub", false, data))));
  }
}
