package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IncomingFrameLimitTest {

  @Test
  void theBufferHoldsAFrameAndOneReadAfterIt() {
    assertEquals(131_100, IncomingFrameLimit.needed(65_536));
    assertEquals(2 * (1 + 14), IncomingFrameLimit.needed(1));
  }

  @Test
  void webXmlSetsTheBufferTheDefaultLimitNeeds() throws Exception {
    String xml =
        Files.readString(Path.of("herald-ee/src/main/resources/META-INF/web-fragment.xml"));
    Matcher m =
        Pattern.compile(
                "<param-name>"
                    + Pattern.quote(IncomingFrameLimit.PARAMETER)
                    + "</param-name>\\s*<param-value>(\\d+)</param-value>")
            .matcher(xml);
    assertTrue(m.find(), "herald-ee's web-fragment.xml sets " + IncomingFrameLimit.PARAMETER);
    int defaultLimit =
        Integer.parseInt(Setting.LIMITS_MAX_MESSAGE_BYTES.defaultValue().orElseThrow());
    assertEquals(IncomingFrameLimit.needed(defaultLimit), Integer.parseInt(m.group(1)));
  }
}
