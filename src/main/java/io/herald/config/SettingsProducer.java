package io.herald.config;

import io.herald.hub.HubSettings;
import io.herald.hub.HubWiring;
import io.herald.hub.PresenceEventSettings;
import io.herald.limits.LimitSettings;
import io.herald.ops.OpsSettings;
import io.herald.security.SecuritySettings;
import io.herald.store.redis.RedisSettings;
import io.herald.transport.HeartbeatSettings;
import io.herald.transport.PresenceSettings;
import io.herald.transport.ProxySettings;
import io.herald.transport.sse.SseSettings;
import io.herald.transport.ws.WebSocketSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The one class that reads MicroProfile Config: builds {@link Settings} once when the application
 * starts (a bad value stops the deployment with a message naming its key) and offers each record to
 * the beans that inject it. System properties and environment variables override the WAR's {@code
 * microprofile-config.properties}, as MicroProfile Config orders its sources.
 *
 * <p>Application-scoped; CDI calls it. The records are immutable and shared.
 */
@ApplicationScoped
public class SettingsProducer {
  private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

  @Inject Config config;

  private Settings settings;

  @PostConstruct
  void read() {
    try {
      settings = Settings.read(key -> config.getOptionalValue(key, String.class));
    } catch (IllegalArgumentException e) {
      // The container reports only that this method failed, not why: the operator needs the keys.
      LOG.severe(e.getMessage());
      throw e;
    }
  }

  void eager(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Reads the settings with the application, so a bad value fails the deployment.
  }

  @Produces
  HubSettings hub() {
    return settings.hub();
  }

  @Produces
  HubWiring wiring() {
    return settings.wiring();
  }

  @Produces
  RedisSettings redis() {
    return settings.redis();
  }

  @Produces
  LimitSettings limits() {
    return settings.limits();
  }

  @Produces
  SecuritySettings security() {
    return settings.security();
  }

  @Produces
  HeartbeatSettings heartbeat() {
    return settings.heartbeat();
  }

  @Produces
  SseSettings sse() {
    return settings.sse();
  }

  @Produces
  PresenceSettings presence() {
    return settings.presence();
  }

  @Produces
  PresenceEventSettings presenceEvents() {
    return settings.presenceEvents();
  }

  @Produces
  WebSocketSettings websocket() {
    return settings.websocket();
  }

  @Produces
  OpsSettings ops() {
    return settings.ops();
  }

  @Produces
  DemoSettings demo() {
    return settings.demo();
  }

  @Produces
  ProxySettings proxy() {
    return settings.proxy();
  }
}
